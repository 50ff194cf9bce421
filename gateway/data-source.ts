import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import { GraphQLError, Kind, parse, type GraphQLFormattedError } from "graphql";
import { GATEWAY_SECRET_HEADER } from "../shared/http/schema-access.js";
import type { GatewayContext } from "./context.js";

type Fetcher = RemoteGraphQLDataSource["fetcher"];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

interface GraphQLBody {
  data?: unknown;
  errors?: Array<{ extensions?: Record<string, unknown> } & Record<string, unknown>>;
}

const isGraphQLBody = (body: unknown): body is GraphQLBody & { errors: unknown[] } =>
  typeof body === "object" && body !== null && Array.isArray((body as GraphQLBody).errors);

/**
 * Subgraphs answer refusals with a 4xx status and a GraphQL error body (401 wrong password, 429 a locked
 * sign-in). @apollo/gateway would replace that body with a generic "429: Too Many Requests" error; instead
 * hand the body on as an ordinary response so the subgraph's codes, messages and paths reach the client,
 * with the status carried in `extensions.http` (Apollo Server turns it into the gateway's own status).
 */
export function passSubgraphRefusals(fetcher: Fetcher): Fetcher {
  return async (url, init) => {
    const response = await fetcher(url, init);
    if (response.status < 400 || response.status >= 500) return response;
    const contentType = response.headers.get("content-type") ?? "";
    if (!/^application\/(graphql-response\+)?json/.test(contentType)) return response;
    let body: unknown;
    try {
      body = await response.clone().json();
    } catch {
      return response;
    }
    if (!isGraphQLBody(body) || body.errors.length === 0) return response;
    const status = response.status;
    const errors = body.errors.map((error) => ({ ...error, extensions: { ...error.extensions, http: { status } } }));
    return new Response(JSON.stringify({ ...body, errors }), {
      status: 200,
      headers: { "content-type": "application/json; charset=utf-8" },
    }) as unknown as FetcherResponse;
  };
}

/** Every fetch is bounded: a frozen subgraph costs the client `timeoutMs`, never an open-ended wait. */
export function withTimeout(fetcher: Fetcher, timeoutMs: number): Fetcher {
  return (url, init) => fetcher(url, { ...init, signal: AbortSignal.timeout(timeoutMs) } as typeof init);
}

/**
 * Where the fields a failed fetch should have filled sit in the client's response: the root fields it asked
 * for, or each entity it was to complete (`_entities`, i), which the gateway maps back to the entity's path.
 */
export function pathsOf(request: GatewayGraphQLRequest): Array<Array<string | number>> {
  let document;
  try {
    document = parse(request.query ?? "");
  } catch {
    return [];
  }
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return [];
  return operation.selectionSet.selections.flatMap((selection): Array<Array<string | number>> => {
    if (selection.kind !== Kind.FIELD || selection.name.value === "__typename") return [];
    if (selection.name.value === "_entities") {
      const representations = request.variables?.representations;
      return Array.isArray(representations) ? representations.map((_, i) => ["_entities", i]) : [];
    }
    return [[selection.alias?.value ?? selection.name.value]];
  });
}

/** The errors standing for a subgraph that could not answer, one per field it should have filled. */
export function unavailableErrors(subgraph: string, request: GatewayGraphQLRequest, reason: string): GraphQLFormattedError[] {
  const error = (path?: Array<string | number>): GraphQLFormattedError => ({
    message: `${subgraph}: ${reason}`,
    ...(path ? { path } : {}),
    extensions: { code: "SERVICE_UNAVAILABLE", detail: `${subgraph}: ${reason}` },
  });
  const paths = pathsOf(request);
  return paths.length ? paths.map(error) : [error()];
}

export interface ForwardingOptions {
  /** The subgraph's name, as a client may see it in an error's detail. */
  name: string;
  /** Tells the subgraphs the request comes from the gateway (config.gatewaySecret, schema-access.ts). */
  gatewaySecret?: string;
  url: string;
  fetcher: Fetcher;
  /** SUBGRAPH_TIMEOUT_MS */
  timeoutMs: number;
  /** Every fetch's outcome (ok, unavailable) and duration, for the metrics. */
  onFetched?: (subgraph: string, outcome: "ok" | "unavailable", seconds: number) => void;
  /** Where the reason a subgraph could not answer goes (never to the client). */
  onUnavailable?: (subgraph: string, error: unknown) => void;
}

/**
 * @apollo/gateway sends nothing of the client's request downstream by itself; pass on the headers
 * subgraphs need to verify the caller again (they never trust the gateway's word alone).
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraph: string;
  private readonly timeoutMs: number;
  private readonly onUnavailable?: (subgraph: string, error: unknown) => void;
  private readonly onFetched?: ForwardingOptions["onFetched"];

  private readonly gatewaySecret?: string;

  constructor(options: ForwardingOptions) {
    super({ url: options.url, fetcher: options.fetcher });
    this.gatewaySecret = options.gatewaySecret;
    this.subgraph = options.name;
    this.timeoutMs = options.timeoutMs;
    this.onUnavailable = options.onUnavailable;
    this.onFetched = options.onFetched;
    this.fetcher = passSubgraphRefusals(withTimeout(this.fetcher, options.timeoutMs));
  }

  /**
   * A subgraph that is down, refuses the connection, answers no GraphQL (a proxy's 502) or outlasts the timeout
   * becomes SERVICE_UNAVAILABLE on exactly the fields it should have filled: the rest of the response stands,
   * and the client knows it may retry.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const started = performance.now();
    try {
      const response = await super.process(options);
      this.onFetched?.(this.subgraph, "ok", (performance.now() - started) / 1000);
      return response;
    } catch (error) {
      this.onFetched?.(this.subgraph, "unavailable", (performance.now() - started) / 1000);
      this.onUnavailable?.(this.subgraph, error);
      const timedOut = (error as { name?: unknown } | undefined)?.name === "TimeoutError";
      const reason = timedOut ? `no answer within ${this.timeoutMs} ms` : "unreachable";
      return { errors: unavailableErrors(this.subgraph, options.request, reason) };
    }
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!request.http) return;
    if (this.gatewaySecret) request.http.headers.set(GATEWAY_SECRET_HEADER, this.gatewaySecret);
    const forward = (context as Partial<GatewayContext>).forward;
    if (!forward) return;
    for (const [name, value] of Object.entries(forward)) request.http.headers.set(name, value);
  }

  /**
   * A subgraph failure that is not a GraphQL answer (a proxy's HTML page, a crash): no subgraph URL or
   * body in the error; the client sees INTERNAL_SERVER_ERROR and the detail stays in the gateway's log.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const detail = await response.text().catch(() => "");
    return new GraphQLError(`Subgraph answered HTTP ${response.status}`, {
      originalError: new Error(`${response.url} answered ${response.status} ${response.statusText}: ${detail.slice(0, 500)}`),
    });
  }
}
