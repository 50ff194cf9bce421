/**
 * The gateway: loads the static supergraph, verifies the caller once (bad tokens and forbidden
 * purposes are refused before any subgraph is called), applies the limits (size, batches, trusted
 * documents, tokens, depth, aliases, cost, rate), forwards the headers, serves /health and /playground.
 */
import { readFile } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { identify, type RequestIds } from "../shared/auth/caller.js";
import type { TokenSettings } from "../shared/auth/tokens.js";
import type { Config, SubgraphName } from "../shared/config.js";
import { formatClientError, localizeErrorsPlugin } from "../shared/http/error-format.js";
import { logError } from "../shared/http/log-safe.js";
import { requestChecksPlugin } from "../shared/http/request-checks.js";
import type { HealthState } from "../shared/http/health.js";
import { serve, type Listening } from "../shared/http/serve.js";
import { clientAddressOf, localizeContextError } from "../shared/http/subgraph-server.js";
import { FORWARDED_HEADERS, type GatewayContext } from "./context.js";
import { ForwardingDataSource } from "./data-source.js";
import { healthRoutes } from "./health.js";
import { jsonStatusPlugin } from "./json-status.js";
import { unavailablePlugin } from "./unavailable.js";
import { ServerMetrics } from "../shared/http/metrics.js";
import { admission } from "./limits/admission.js";
import { complexityRules } from "./limits/complexity.js";
import { TrustedDocuments } from "./limits/trusted-documents.js";
import { playgroundRoutes } from "./playground/routes.js";
import { RateLimiter } from "./rate-limit/rate-limiter.js";

export interface GatewayOptions {
  config: Config;
  tokens: TokenSettings;
  /** Where each subgraph is; defaults to the configured URLs. */
  subgraphUrls?: Record<SubgraphName, string>;
  supergraphSdl?: string;
  host?: string;
  port?: number;
  /** Prefix of the rate-limit keys in Redis (tests keep theirs apart). */
  redisKeyPrefix?: string;
}

export async function startGateway(options: GatewayOptions): Promise<Listening> {
  const { config } = options;
  const urls = options.subgraphUrls ?? config.subgraphUrls;
  const supergraphSdl = options.supergraphSdl ?? (await readFile(config.supergraphPath, "utf8"));
  // @apollo/gateway otherwise probes cloud metadata endpoints and reports usage to Apollo's servers:
  // a closed system holding children's data sends nothing out. The library reads only this variable.
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
  const metrics = new ServerMetrics("gateway");
  const fetches = metrics.histogram("subgraph_fetch_duration_seconds", "Fetches from the gateway to each subgraph, by outcome", [
    "subgraph",
    "outcome",
  ]);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      // Node's fetch keeps connections alive, which matters when one request fans out to four subgraphs.
      new ForwardingDataSource({
        name,
        url: urls[name as SubgraphName] ?? url,
        fetcher: fetch as never,
        timeoutMs: config.subgraphTimeoutMs,
        gatewaySecret: config.gatewaySecret,
        onFetched: (subgraph, outcome, seconds) => fetches.observe({ subgraph, outcome }, seconds),
        onUnavailable: (subgraph, error) => logError(`[gateway] ${subgraph} could not answer:`, error),
      }),
  });
  const trusted = config.trustedDocumentsPath ? await TrustedDocuments.load(config.trustedDocumentsPath) : undefined;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      metrics.plugin<GatewayContext>(),
      unavailablePlugin<GatewayContext>(),
      requestChecksPlugin<GatewayContext>(),
      localizeErrorsPlugin<GatewayContext>(),
      jsonStatusPlugin<GatewayContext>(),
    ],
    formatError: formatClientError,
    includeStacktraceInErrorResponses: false,
    // The process owner decides when to stop (several servers share one process in embedded mode).
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    // Depth, aliases, directives and cost: validation fails before the query planner, so no subgraph is called.
    validationRules: complexityRules(config.limits),
    introspection: config.introspection,
    // "Did you mean …" tells what the schema holds; hidden wherever introspection is.
    hideSchemaDetailsFromClientErrors: !config.introspection,
    // A GET must carry a JSON content type or apollo-require-preflight: no cross-site form can run an operation.
    csrfPrevention: true,
    // With trusted documents, the front step resolves hashes from the manifest; nobody may register new ones.
    ...(trusted ? { persistedQueries: false as const } : {}),
  });
  await apollo.start();
  const rateLimiter = await RateLimiter.fromConfig(config, options.redisKeyPrefix);
  const health: HealthState = { draining: false };
  const routes = { ...healthRoutes(urls, health), ...metrics.route(), ...(config.playground ? playgroundRoutes() : {}) };
  const context = async (req: IncomingMessage, ids: RequestIds): Promise<GatewayContext> => {
    const header = (name: string): string | undefined => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    // The socket peer, not a client-supplied X-Forwarded-For: sign-in throttling and rate limits key on it.
    const address = clientAddressOf(req);
    try {
      let identity;
      try {
        identity = await identify(header, options.tokens);
      } catch (error) {
        // Bad tokens count against the address: guessing tokens is rate-limited like anything else.
        await rateLimiter.enforce(null, address);
        throw error;
      }
      await rateLimiter.enforce(identity.caller, address);
      const forward: Record<string, string> = { "x-forwarded-for": address };
      for (const name of FORWARDED_HEADERS) {
        const value = header(name);
        if (value !== undefined) forward[name] = value;
      }
      // The gateway's own id is the audit key in every subgraph; the client's travels as a correlation id.
      forward["x-request-id"] = ids.requestId;
      if (ids.correlationId) forward["x-correlation-id"] = ids.correlationId;
      return { ...identity, requestId: ids.requestId, forward };
    } catch (error) {
      throw localizeContextError(error, req);
    }
  };
  let listening: Listening;
  try {
    listening = await serve(apollo, {
      host: options.host ?? config.host,
      port: options.port ?? config.port,
      routes,
      maxBodyBytes: config.limits.bodyBytes,
      admit: admission({ maxTokens: config.limits.tokens, trusted }),
      health,
      drainMs: config.shutdownDrainMs,
      context,
    });
  } catch (error) {
    await rateLimiter.close();
    await apollo.stop();
    throw error;
  }
  return {
    ...listening,
    close: async () => {
      await listening.close();
      await apollo.stop();
      await rateLimiter.close();
    },
  };
}
