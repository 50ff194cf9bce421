/**
 * Starts any subgraph the same way: Apollo Server over the shared HTTP front, a context built fresh per
 * request (token verified again here, EntityManager fork, loaders), errors masked and localised, and the
 * request's personal-data releases written to the audit in one batch.
 */
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import type { MikroORM } from "@mikro-orm/core";
import { GraphQLError, type GraphQLSchema } from "graphql";
import type { IncomingMessage } from "node:http";
import { writeAccessRecords } from "../audit/audit-sink.js";
import { identify } from "../auth/caller.js";
import { PrivacyLedger } from "../auth/privacy-ledger.js";
import type { TokenSettings } from "../auth/tokens.js";
import type { BaseContext } from "../context.js";
import { parseAcceptLanguage } from "../i18n/locale.js";
import { formatClientError, localizeErrorsPlugin, localizeMessage } from "./error-format.js";
import { serve, type Listening } from "./serve.js";

/** Work a subgraph does on its own schedule (the retention run): started once it listens, stopped on close. */
export interface BackgroundJob {
  start(): void;
  /** Stops the timer and waits for a run under way. */
  stop(): Promise<void>;
}

export interface SubgraphRuntime<C extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  orm: MikroORM;
  tokens: TokenSettings;
  /** Peers whose X-Forwarded-For is believed (config.trustedProxies); none when absent. */
  trustedProxies?: readonly string[];
  /** Adds the subgraph's own per-request pieces (loaders) to the base context. */
  extendContext: (base: BaseContext) => C;
  jobs?: BackgroundJob[];
}

const headerOf =
  (req: IncomingMessage) =>
  (name: string): string | undefined => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };

/** An IPv4 peer of a dual-stack socket shows as ::ffff:a.b.c.d. */
const plainAddress = (address: string): string => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");

/** Whether the socket's peer is one of the trusted proxies (the gateway). */
export function isTrustedPeer(req: IncomingMessage, trustedProxies: readonly string[] = []): boolean {
  return !!req.socket.remoteAddress && trustedProxies.includes(plainAddress(req.socket.remoteAddress));
}

/**
 * The socket's peer; the first X-Forwarded-For hop (set by our gateway) only when that peer is a trusted
 * proxy, so a client calling the subgraph directly cannot choose the address it is throttled on.
 */
export function clientAddressOf(req: IncomingMessage, trustedProxies: readonly string[] = []): string {
  const peer = req.socket.remoteAddress ? plainAddress(req.socket.remoteAddress) : "unknown";
  if (!isTrustedPeer(req, trustedProxies)) return peer;
  const forwarded = headerOf(req)("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || peer;
}

/** Errors from building the context (bad token, forbidden purpose) in the caller's language. */
export function localizeContextError(error: unknown, req: IncomingMessage): unknown {
  if (!(error instanceof GraphQLError) || typeof error.extensions.code !== "string") return error;
  const locale = parseAcceptLanguage(headerOf(req)("accept-language")) ?? "UZ_LATN";
  const message = localizeMessage(error.extensions.code, locale, error.extensions);
  return message ? new GraphQLError(message, { extensions: error.extensions }) : error;
}

/** Adds the errors of withheld non-null lists (answered with []) to the response; runs before localisation. */
function withheldListsPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const extra = contextValue?.privacy?.takeWithheldErrors() ?? [];
          if (extra.length === 0 || response.body.kind !== "single") return;
          response.body.singleResult.errors = [...(response.body.singleResult.errors ?? []), ...extra];
        },
      };
    },
  };
}

function auditPlugin<C extends BaseContext>(orm: MikroORM): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue }) {
          const entries = contextValue?.privacy?.drain() ?? [];
          if (entries.length) {
            await writeAccessRecords(
              orm.em,
              { requestId: contextValue.requestId, correlationId: contextValue.correlationId },
              entries,
              contextValue.caller,
            );
          }
        },
      };
    },
  };
}

export function createSubgraphApollo<C extends BaseContext>(runtime: SubgraphRuntime<C>): ApolloServer<C> {
  return new ApolloServer<C>({
    schema: runtime.schema,
    plugins: [ApolloServerPluginInlineTraceDisabled(), withheldListsPlugin<C>(), localizeErrorsPlugin<C>(), auditPlugin<C>(runtime.orm)],
    formatError: formatClientError,
    includeStacktraceInErrorResponses: false,
    // The process owner decides when to stop (several servers share one process in embedded mode).
    stopOnTerminationSignals: false,
  });
}

export async function startSubgraph<C extends BaseContext>(
  runtime: SubgraphRuntime<C>,
  listen: { host: string; port: number },
): Promise<Listening & { apollo: ApolloServer<C> }> {
  const apollo = createSubgraphApollo(runtime);
  await apollo.start();
  const listening = await serve(apollo, {
    ...listen,
    // Only the gateway (a trusted proxy) names the request: its id is the audit key across subgraphs.
    fromGateway: (req) => isTrustedPeer(req, runtime.trustedProxies),
    context: async (req, ids) => {
      try {
        const identity = await identify(headerOf(req), runtime.tokens);
        return runtime.extendContext({
          ...identity,
          ...ids,
          clientAddress: clientAddressOf(req, runtime.trustedProxies),
          em: runtime.orm.em.fork(),
          privacy: new PrivacyLedger(),
        });
      } catch (error) {
        throw localizeContextError(error, req);
      }
    },
  });
  for (const job of runtime.jobs ?? []) job.start();
  return {
    ...listening,
    apollo,
    close: async () => {
      for (const job of runtime.jobs ?? []) await job.stop();
      await listening.close();
      await apollo.stop();
    },
  };
}
