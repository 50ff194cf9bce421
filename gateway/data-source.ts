import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { GraphQLError } from "graphql";
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

/**
 * @apollo/gateway sends nothing of the client's request downstream by itself; pass on the headers
 * subgraphs need to verify the caller again (they never trust the gateway's word alone).
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly gatewaySecret?: string;

  /** `gatewaySecret` (config.gatewaySecret) tells the subgraphs the request comes from the gateway (schema-access.ts). */
  constructor(config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0] & { gatewaySecret?: string }) {
    const { gatewaySecret, ...rest } = config;
    super(rest);
    this.gatewaySecret = gatewaySecret;
    this.fetcher = passSubgraphRefusals(this.fetcher);
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
