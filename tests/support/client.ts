/** A tiny GraphQL-over-HTTP client for tests, speaking to the gateway or straight to a subgraph. */
import { readFileSync } from "node:fs";
import { nowMs } from "../../shared/clock.js";

export interface GqlError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; category?: string; reason?: string; [key: string]: unknown };
}

export interface GqlResponse<T = any> {
  status: number;
  data?: T;
  errors?: GqlError[];
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  purpose?: string;
  legalBasis?: string;
  legalRecipient?: string;
  legalRestricted?: boolean;
  language?: string;
  requestId?: string;
}

/** Reads a named document from tests/graphql/. */
export const doc = (name: string): string => readFileSync(new URL(`../graphql/${name}.graphql`, import.meta.url), "utf8");

export async function gql<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: CallOptions = {},
): Promise<GqlResponse<T>> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.purpose) headers["x-purpose"] = options.purpose;
  if (options.legalBasis) headers["x-legal-basis"] = options.legalBasis;
  if (options.legalRecipient) headers["x-legal-recipient"] = options.legalRecipient;
  if (options.legalRestricted !== undefined) headers["x-legal-restricted"] = String(options.legalRestricted);
  if (options.language) headers["accept-language"] = options.language;
  if (options.requestId) headers["x-request-id"] = options.requestId;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: GqlError[] };
  return { status: response.status, data: body.data ?? undefined, errors: body.errors, headers: response.headers };
}

const tokenCache = new Map<string, { token: string; at: number }>();
/** Reused for less than an access token lives, by the (possibly pinned) clock. */
const TOKEN_REUSE_MS = 10 * 60_000;

/**
 * Signs in a demo login (password demo-password) and caches the token per gateway and login while it is
 * young by the clock: a test that pins the clock to another day gets a token of that day.
 */
export async function signIn(url: string, login: string, password = "demo-password"): Promise<string> {
  const key = `${url}|${login}`;
  const cached = tokenCache.get(key);
  const age = cached ? nowMs() - cached.at : -1;
  if (cached && age >= 0 && age < TOKEN_REUSE_MS) return cached.token;
  const result = await gql<{ signIn: { accessToken: string } }>(
    url,
    "mutation($login: String!, $password: String!) { signIn(login: $login, password: $password) { accessToken } }",
    { login, password },
  );
  if (!result.data?.signIn) throw new Error(`sign-in as ${login} failed: ${JSON.stringify(result.errors)}`);
  tokenCache.set(key, { token: result.data.signIn.accessToken, at: nowMs() });
  return result.data.signIn.accessToken;
}

/** The codes of a response's errors, for compact assertions. */
export const codes = (response: GqlResponse): string[] => (response.errors ?? []).map((e) => String(e.extensions?.code));
