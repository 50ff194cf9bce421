/**
 * A small typed client for a parent's app, on the types generated from the API schema. Every call returns
 * data and errors together (the "errorPolicy: all" of Apollo Client): a withheld field is null with its
 * PERSONAL_DATA_WITHHELD error beside it, and the rest of the answer still counts.
 */
import { readFileSync } from "node:fs";
import { Kind, parse, print, type OperationDefinitionNode } from "graphql";
import type {
  ChildAccessLogQuery,
  ChildAccessLogQueryVariables,
  ChildRecordsQuery,
  ChildRecordsQueryVariables,
  ParentChildrenQuery,
  ParentChildrenQueryVariables,
  ParentNoticesQuery,
  ParentNoticesQueryVariables,
  ParentSignInMutation,
  ParentSignInMutationVariables,
} from "./generated/graphql.js";

/** The app's operations by name, as printed by graphql-js (what `npm run manifest` registers too). */
export const OPERATIONS: ReadonlyMap<string, string> = new Map(
  parse(readFileSync(new URL("../operations/parent.graphql", import.meta.url), "utf8"))
    .definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && !!d.name)
    .map((d) => [d.name!.value, print(d)]),
);

export interface ApiError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; detail?: string; category?: string; reason?: string };
}

export interface Answer<T> {
  data: T | null;
  errors: ApiError[];
}

export interface ParentClientOptions {
  url: string;
  token?: string;
  language?: string;
}

async function call<T, V>(options: ParentClientOptions, name: string, variables: V): Promise<Answer<T>> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.language) headers["accept-language"] = options.language;
  const response = await fetch(options.url, {
    method: "POST",
    headers,
    body: JSON.stringify({ query: OPERATIONS.get(name), operationName: name, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: ApiError[] };
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

/** The parent app's calls, each typed by its operation. */
export const parentClient = (options: ParentClientOptions) => ({
  signIn: (v: ParentSignInMutationVariables) => call<ParentSignInMutation, ParentSignInMutationVariables>(options, "ParentSignIn", v),
  children: () => call<ParentChildrenQuery, ParentChildrenQueryVariables>(options, "ParentChildren", {}),
  childRecords: (v: ChildRecordsQueryVariables) => call<ChildRecordsQuery, ChildRecordsQueryVariables>(options, "ChildRecords", v),
  notices: (v: ParentNoticesQueryVariables = {}) => call<ParentNoticesQuery, ParentNoticesQueryVariables>(options, "ParentNotices", v),
  accessLog: (v: ChildAccessLogQueryVariables) => call<ChildAccessLogQuery, ChildAccessLogQueryVariables>(options, "ChildAccessLog", v),
});

/** The errors that say a field was withheld, as opposed to the answer having nothing there. */
export const withheld = (answer: Answer<unknown>): ApiError[] =>
  answer.errors.filter((e) => e.extensions?.code === "PERSONAL_DATA_WITHHELD");
