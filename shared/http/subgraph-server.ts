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
import { IDEMPOTENCY_HEADER } from "../idempotency/idempotency.js";
import { parseAcceptLanguage } from "../i18n/locale.js";
import type { EventBus } from "../events/bus.js";
import { formatClientError, localizeErrorsPlugin, localizeMessage } from "./error-format.js";
import { requestChecksPlugin } from "./request-checks.js";
import { schemaAccessPlugin, type SchemaAccess } from "./schema-access.js";
import { healthRoutes, type Check, type HealthState } from "./health.js";
import { ServerMetrics } from "./metrics.js";
import { OutboxEvent } from "../events/outbox-event.entity.js";
import { nowMs } from "../clock.js";
import { serve, type Listening } from "./serve.js";
import { subgraphDepthRules, subgraphLimitsPlugin, type SubgraphLimits } from "./subgraph-limits.js";
import { loadConfig } from "../config.js";

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

/** The subgraph's metrics: requests per operation, error codes, and the age of its oldest unpublished event. */
function subgraphMetrics(runtime: SubgraphRuntime<BaseContext>): ServerMetrics {
  const metrics = new ServerMetrics(runtime.name);
  metrics.gauge("outbox_lag_seconds", "Age of the oldest event not yet published from the outbox (0: none waiting)", async () => {
    try {
      const oldest = await runtime.orm.em.fork().findOne(OutboxEvent, { publishedAt: null }, { orderBy: { seq: "asc" } });
      return oldest ? Math.max(0, (nowMs() - oldest.createdAt.getTime()) / 1000) : 0;
    } catch {
      return Number.NaN;
    }
  });
  return metrics;
}

/**
 * A withheld non-null String (User.login) answers "" so its parent object survives; the enforcement keeps
 * its PERSONAL_DATA_WITHHELD error in the request's ledger, and this adds it to the response.
 */
function withheldValuesPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
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

/** The defaults (SUBGRAPH_MAX_DEPTH, SUBGRAPH_MAX_REPRESENTATIONS, SUBGRAPH_TIME_BUDGET_MS) when a caller gives none. */
const DEFAULT_LIMITS: SubgraphLimits = loadConfig({}).subgraphLimits;

export function createSubgraphApollo<C extends BaseContext>(
  runtime: SubgraphRuntime<C>,
  access: SchemaAccess,
  limits: SubgraphLimits = DEFAULT_LIMITS,
  metrics?: ServerMetrics,
): ApolloServer<C> {
  return new ApolloServer<C>({
    schema: runtime.schema,
    // Apollo's own switch would refuse the gateway too: schemaAccessPlugin decides who may introspect.
    introspection: true,
    hideSchemaDetailsFromClientErrors: !access.open,
    // The limits' plugin first: its one error replaces a cut-short answer before the others localise and audit it.
    plugins: [
      subgraphLimitsPlugin<C>(limits),
      ApolloServerPluginInlineTraceDisabled(),
      ...(metrics ? [metrics.plugin<C>()] : []),
      schemaAccessPlugin<C>(access),
      requestChecksPlugin<C>(),
      withheldValuesPlugin<C>(),
      localizeErrorsPlugin<C>(),
      auditPlugin<C>(runtime.orm),
    ],
    validationRules: subgraphDepthRules(limits),
    formatError: formatClientError,
    includeStacktraceInErrorResponses: false,
    // The process owner decides when to stop (several servers share one process in embedded mode).
    stopOnTerminationSignals: false,
  });
}

export interface SubgraphListen {
  host: string;
  port: number;
  /** The bus the subgraph's events travel on: its readiness includes it. */
  bus?: EventBus;
  /** How long closing lets requests in flight finish (config.shutdownDrainMs). */
  drainMs?: number;
  limits?: SubgraphLimits;
  /** Who may read the schema (schema-access.ts); without it, nobody. */
  schemaAccess?: SchemaAccess;
}

/** What a subgraph needs to do its work: its database, and the bus when it has one that can be down. */
function readinessChecks(orm: MikroORM, bus: EventBus | undefined): Record<string, Check> {
  const checks: Record<string, Check> = { database: () => orm.em.getConnection().execute("select 1") };
  if (bus?.check) checks.bus = () => bus.check!();
  return checks;
}

export async function startSubgraph<C extends BaseContext>(
  runtime: SubgraphRuntime<C>,
  { bus, drainMs, limits, schemaAccess, ...listen }: SubgraphListen,
): Promise<Listening & { apollo: ApolloServer<C> }> {
  const metrics = subgraphMetrics(runtime as unknown as SubgraphRuntime<BaseContext>);
  // Without a say from the configuration, nobody reads the schema.
  const apollo = createSubgraphApollo(runtime, schemaAccess ?? { open: false }, limits, metrics);
  await apollo.start();
  const health: HealthState = { draining: false };
  const listening = await serve(apollo, {
    ...listen,
    health,
    drainMs,
    routes: { ...healthRoutes(readinessChecks(runtime.orm, bus), health), ...metrics.route() },
    // Only the gateway (a trusted proxy) names the request: its id is the audit key across subgraphs.
    fromGateway: (req) => isTrustedPeer(req, runtime.trustedProxies),
    context: async (req, ids) => {
      try {
        const identity = await identify(headerOf(req), runtime.tokens);
        return runtime.extendContext({
          ...identity,
          ...ids,
          clientAddress: clientAddressOf(req, runtime.trustedProxies),
          idempotencyKey: headerOf(req)(IDEMPOTENCY_HEADER),
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
