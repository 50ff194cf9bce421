/**
 * Extra gateways for tests of what the gateway refuses at the door: each in front of the test system's
 * subgraphs through counting proxies, so a test can show that a refused request reached no subgraph.
 */
import { mkdtemp } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { startGateway } from "../../gateway/gateway.js";
import { loadConfig, SUBGRAPHS, type SubgraphName } from "../../shared/config.js";
import type { Listening } from "../../shared/http/serve.js";
import type { TestSystem } from "./system.js";

export interface CountedGateway extends Listening {
  /** Requests that reached any subgraph since the gateway started. */
  subgraphHits(): number;
}

/** An HTTP server that counts each request and passes it on to `target` unchanged. */
async function countingProxy(target: string, count: () => void): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    count();
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string" && !["host", "connection", "content-length"].includes(name)) headers[name] = value;
      }
      fetch(target, { method: req.method, headers, body: req.method === "POST" ? Buffer.concat(chunks) : undefined })
        .then(async (response) => {
          res.statusCode = response.status;
          res.setHeader("content-type", response.headers.get("content-type") ?? "application/json");
          res.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch(() => {
          res.statusCode = 502;
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/graphql`, server };
}

/**
 * A gateway configured by `env` (on top of the test defaults), over the system's subgraphs, every request to
 * them counted. `redisKeyPrefix` keeps a test's rate-limit keys apart in a shared Redis.
 */
export async function countedGateway(
  system: TestSystem,
  env: Record<string, string> = {},
  redisKeyPrefix?: string,
): Promise<CountedGateway> {
  let hits = 0;
  const proxies = await Promise.all(SUBGRAPHS.map((name) => countingProxy(system.subgraphUrls[name], () => hits++)));
  const urls = Object.fromEntries(SUBGRAPHS.map((name, i) => [name, proxies[i]!.url])) as Record<SubgraphName, string>;
  const config = loadConfig({ DATA_DIR: await mkdtemp(path.join(tmpdir(), "emaktab-front-")), ...env });
  const gateway = await startGateway({ config, tokens: system.tokens, subgraphUrls: urls, host: "127.0.0.1", port: 0, redisKeyPrefix });
  return {
    ...gateway,
    subgraphHits: () => hits,
    close: async () => {
      await gateway.close();
      for (const { server } of proxies) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

/** Production mode needs these to load its configuration; a gateway alone connects to neither. */
export const PRODUCTION_ENV = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://unused@127.0.0.1:1/unused",
  NATS_URL: "nats://127.0.0.1:1",
};
