/**
 * Builds the playground's script and stylesheet from the npm packages (GraphiQL, React) with esbuild, once,
 * on the first request for them, and keeps them in memory: nothing is fetched from the internet, and no
 * generated bundle is committed.
 */
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export interface Asset {
  contentType: string;
  body: Buffer;
  gzipped: Buffer;
  etag: string;
}

export interface PlaygroundAssets {
  "graphiql.js": Asset;
  "graphiql.css": Asset;
  /** How long the build took, for the log. */
  buildMs: number;
}

const ENTRY = fileURLToPath(new URL("./client.js", import.meta.url));

function asset(contentType: string, body: Uint8Array, hash: string): Asset {
  const buffer = Buffer.from(body);
  return { contentType, body: buffer, gzipped: gzipSync(buffer), etag: `"${hash}"` };
}

async function bundle(): Promise<PlaygroundAssets> {
  const started = performance.now();
  const result = await build({
    entryPoints: { graphiql: ENTRY },
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    outdir: "playground",
    write: false,
    // React's production build; GraphiQL's licence notices stay at the end of each file.
    define: { "process.env.NODE_ENV": '"production"' },
    legalComments: "eof",
    logLevel: "silent",
  });
  const find = (suffix: string) => {
    const file = result.outputFiles.find((f) => f.path.endsWith(suffix));
    if (!file) throw new Error(`the playground bundle has no ${suffix}`);
    return file;
  };
  const js = find("graphiql.js");
  const css = find("graphiql.css");
  return {
    "graphiql.js": asset("text/javascript; charset=utf-8", js.contents, js.hash),
    "graphiql.css": asset("text/css; charset=utf-8", css.contents, css.hash),
    buildMs: performance.now() - started,
  };
}

let pending: Promise<PlaygroundAssets> | undefined;

/** The bundled assets, built on first use; a failed build is retried on the next request. */
export function playgroundAssets(): Promise<PlaygroundAssets> {
  pending ??= bundle().catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}
