/**
 * The gateway's health. `/health/live`: the gateway process answers. `/health/ready` (and `/health`, the
 * contract's name for it): every subgraph is ready, which each decides by its own database and bus; a
 * failing part is named (`{ journal: { database: "refused" } }`, or `{ journal: "timed out" }` when the
 * subgraph itself does not answer), with 503.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SubgraphName } from "../shared/config.js";
import { reasonOf, sendHealth, type HealthState } from "../shared/http/health.js";
import type { Route } from "../shared/http/serve.js";

/** A subgraph's readiness endpoint, beside its GraphQL path. */
const readinessUrl = (graphqlUrl: string): string => new URL("/health/ready", graphqlUrl).toString();

/** Undefined when the subgraph is ready; otherwise what failed (its own failing parts, or why it did not answer). */
async function probe(url: string, timeoutMs: number): Promise<unknown> {
  try {
    const response = await fetch(readinessUrl(url), { signal: AbortSignal.timeout(timeoutMs) });
    if (response.ok) return undefined;
    const body = (await response.json().catch(() => ({}))) as { failing?: unknown };
    return body.failing ?? `HTTP ${response.status}`;
  } catch (error) {
    return reasonOf(error);
  }
}

export function healthRoutes(subgraphUrls: Record<SubgraphName, string>, state: HealthState, timeoutMs = 2000): Record<string, Route> {
  const ready = async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (state.draining) return sendHealth(res, { gateway: "shutting down" });
    const names = Object.keys(subgraphUrls) as SubgraphName[];
    const results = await Promise.all(names.map((name) => probe(subgraphUrls[name], timeoutMs)));
    sendHealth(res, Object.fromEntries(names.flatMap((name, i) => (results[i] ? [[name, results[i]]] : []))), { subgraphs: names });
  };
  return {
    "/health": ready,
    "/health/ready": ready,
    "/health/live": (_req: IncomingMessage, res: ServerResponse) => sendHealth(res, {}),
  };
}
