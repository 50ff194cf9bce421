/**
 * Liveness and readiness, the same on the gateway and on every subgraph. Live: the process answers.
 * Ready: every dependency it needs answers now (a subgraph: its database and its event bus; the gateway:
 * every subgraph's readiness). A failing check is named with a short reason, never an address or a message
 * from a driver, since /health is reachable by anyone who reaches the gateway.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Route } from "./serve.js";

/** A dependency check: resolves when it is fine, rejects (or outlasts the timeout) when it is not. */
export type Check = () => Promise<unknown>;

/** What failed, as few words as an operator needs: timed out, refused, or failing. */
export function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown; name?: unknown } | undefined)?.code;
  const name = (error as { name?: unknown } | undefined)?.name;
  if (name === "TimeoutError" || code === "ETIMEDOUT" || code === "UND_ERR_CONNECT_TIMEOUT") return "timed out";
  if (code === "ECONNREFUSED" || (error as { cause?: { code?: unknown } })?.cause?.code === "ECONNREFUSED") return "refused";
  return "failing";
}

class CheckTimeout extends Error {
  override name = "TimeoutError";
}

/** Runs every check at once, each bounded by `timeoutMs`; returns the failing ones with their reason. */
export async function runChecks(checks: Record<string, Check>, timeoutMs: number): Promise<Record<string, string>> {
  const names = Object.keys(checks);
  const results = await Promise.all(
    names.map(async (name) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          checks[name]!(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new CheckTimeout()), timeoutMs);
          }),
        ]);
        return undefined;
      } catch (error) {
        return reasonOf(error);
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return Object.fromEntries(names.flatMap((name, i) => (results[i] ? [[name, results[i]]] : [])));
}

export function sendHealth(res: ServerResponse, failing: Record<string, unknown>, ok: Record<string, unknown> = {}): void {
  const healthy = Object.keys(failing).length === 0;
  res.statusCode = healthy ? 200 : 503;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("cache-control", "no-store");
  if (!healthy) res.setHeader("retry-after", "5");
  res.end(JSON.stringify(healthy ? { status: "ok", ...ok } : { status: "unavailable", failing }));
}

export interface HealthState {
  /** Set while the server drains for shutdown: readiness answers 503 so no new work is routed here. */
  draining: boolean;
}

/** `/health/live` and `/health/ready` of a process whose readiness is `checks`. */
export function healthRoutes(checks: Record<string, Check>, state: HealthState, timeoutMs = 2000): Record<string, Route> {
  return {
    "/health/live": (_req: IncomingMessage, res: ServerResponse) => sendHealth(res, {}),
    "/health/ready": async (_req: IncomingMessage, res: ServerResponse) => {
      if (state.draining) return sendHealth(res, { process: "shutting down" });
      sendHealth(res, await runChecks(checks, timeoutMs), { checks: Object.keys(checks) });
    },
  };
}
