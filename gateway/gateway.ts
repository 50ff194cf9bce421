/**
 * The gateway: loads the static supergraph, verifies the caller once (bad tokens and forbidden
 * purposes are refused before any subgraph is called), forwards the headers, serves /health.
 */
import { readFile } from "node:fs/promises";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { identify } from "../shared/auth/caller.js";
import type { TokenSettings } from "../shared/auth/tokens.js";
import type { Config, SubgraphName } from "../shared/config.js";
import { formatClientError, localizeErrorsPlugin } from "../shared/http/error-format.js";
import { serve, type Listening } from "../shared/http/serve.js";
import { localizeContextError } from "../shared/http/subgraph-server.js";
import { FORWARDED_HEADERS, type GatewayContext } from "./context.js";
import { ForwardingDataSource } from "./data-source.js";
import { healthRoute } from "./health.js";

export interface GatewayOptions {
  config: Config;
  tokens: TokenSettings;
  /** Where each subgraph is; defaults to the configured URLs. */
  subgraphUrls?: Record<SubgraphName, string>;
  supergraphSdl?: string;
  host?: string;
  port?: number;
}

export async function startGateway(options: GatewayOptions): Promise<Listening> {
  const { config } = options;
  const urls = options.subgraphUrls ?? config.subgraphUrls;
  const supergraphSdl = options.supergraphSdl ?? (await readFile(config.supergraphPath, "utf8"));
  // @apollo/gateway otherwise probes cloud metadata endpoints and reports usage to Apollo's servers:
  // a closed system holding children's data sends nothing out. The library reads only this variable.
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      // Node's fetch keeps connections alive, which matters when one request fans out to four subgraphs.
      new ForwardingDataSource({ url: urls[name as SubgraphName] ?? url, fetcher: fetch as never }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    plugins: [ApolloServerPluginLandingPageDisabled(), localizeErrorsPlugin<GatewayContext>()],
    formatError: formatClientError,
    includeStacktraceInErrorResponses: false,
    // The process owner decides when to stop (several servers share one process in embedded mode).
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
  });
  await apollo.start();
  const listening = await serve(apollo, {
    host: options.host ?? config.host,
    port: options.port ?? config.port,
    routes: { "/health": healthRoute(urls) },
    context: async (req, requestId) => {
      const header = (name: string): string | undefined => {
        const value = req.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      try {
        const identity = await identify(header, options.tokens);
        // The socket peer, not a client-supplied X-Forwarded-For: sign-in throttling keys on it.
        const forward: Record<string, string> = { "x-forwarded-for": req.socket.remoteAddress ?? "unknown" };
        for (const name of FORWARDED_HEADERS) {
          const value = header(name);
          if (value !== undefined) forward[name] = value;
        }
        forward["x-request-id"] = requestId;
        return { ...identity, requestId, forward };
      } catch (error) {
        throw localizeContextError(error, req);
      }
    },
  });
  return {
    ...listening,
    close: async () => {
      await listening.close();
      await apollo.stop();
    },
  };
}
