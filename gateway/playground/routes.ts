/**
 * GET /playground: GraphiQL served by the gateway itself, its script and stylesheet from the same origin
 * (a Content-Security-Policy tells the browser to load nothing from anywhere else).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Route } from "../../shared/http/serve.js";
import { playgroundAssets, type PlaygroundAssets } from "./bundle.js";

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // GraphiQL's editors and menus set inline styles; fonts and icons are data: URLs inside its stylesheet.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");

// Relative links: the page works under whatever prefix a proxy mounts the gateway at.
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>eMaktab GraphQL playground</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="playground/graphiql.css" />
  </head>
  <body>
    <div id="playground"></div>
    <script src="playground/graphiql.js"></script>
  </body>
</html>
`;

function refuseMethod(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === "GET" || req.method === "HEAD") return false;
  res.statusCode = 405;
  res.setHeader("allow", "GET, HEAD");
  res.end();
  return true;
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader("content-security-policy", CSP);
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("referrer-policy", "no-referrer");
}

const page: Route = (req, res) => {
  if (refuseMethod(req, res)) return;
  securityHeaders(res);
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("cache-control", "no-cache");
  res.end(req.method === "HEAD" ? undefined : PAGE);
};

function assetRoute(name: "graphiql.js" | "graphiql.css", log: (message: string) => void): Route {
  return async (req, res) => {
    if (refuseMethod(req, res)) return;
    let assets: PlaygroundAssets;
    try {
      assets = await playgroundAssets();
    } catch (error) {
      log(`[playground] bundling failed: ${error instanceof Error ? error.message : String(error)}`);
      res.statusCode = 500;
      res.end();
      return;
    }
    const asset = assets[name];
    securityHeaders(res);
    res.setHeader("content-type", asset.contentType);
    res.setHeader("cache-control", "no-cache");
    res.setHeader("etag", asset.etag);
    res.setHeader("vary", "accept-encoding");
    if (req.headers["if-none-match"] === asset.etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    if (gzip) res.setHeader("content-encoding", "gzip");
    const body = gzip ? asset.gzipped : asset.body;
    res.setHeader("content-length", body.length);
    res.end(req.method === "HEAD" ? undefined : body);
  };
}

/** The playground's three routes, for the gateway's HTTP front. */
export function playgroundRoutes(log: (message: string) => void = (m) => console.error(m)): Record<string, Route> {
  return {
    "/playground": page,
    "/playground/graphiql.js": assetRoute("graphiql.js", log),
    "/playground/graphiql.css": assetRoute("graphiql.css", log),
  };
}
