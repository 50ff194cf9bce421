import type { IncomingMessage, ServerResponse } from "node:http";
import type { SubgraphName } from "../shared/config.js";

async function probe(url: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response.ok ? undefined : `HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error ? error.message : "unreachable";
  }
}

/** GET /health: 200 when every subgraph answers, 503 naming the ones that do not. */
export function healthRoute(subgraphUrls: Record<SubgraphName, string>, timeoutMs = 2000) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const names = Object.keys(subgraphUrls) as SubgraphName[];
    const results = await Promise.all(names.map((name) => probe(subgraphUrls[name], timeoutMs)));
    const failing = Object.fromEntries(names.flatMap((name, i) => (results[i] ? [[name, results[i]]] : [])));
    const ok = Object.keys(failing).length === 0;
    res.statusCode = ok ? 200 : 503;
    res.setHeader("content-type", "application/json; charset=utf-8");
    res.end(JSON.stringify(ok ? { status: "ok", subgraphs: names } : { status: "unavailable", failing }));
  };
}
