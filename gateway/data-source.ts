import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayContext } from "./context.js";

/**
 * @apollo/gateway sends nothing of the client's request downstream by itself; pass on the headers
 * subgraphs need to verify the caller again (they never trust the gateway's word alone).
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const forward = (context as Partial<GatewayContext>).forward;
    if (!forward || !request.http) return;
    for (const [name, value] of Object.entries(forward)) request.http.headers.set(name, value);
  }
}
