/**
 * GET /playground without a browser: a page that loads only the gateway's own assets (built from the npm
 * packages), and no playground at all in production mode unless PLAYGROUND=1. The browser test that signs in
 * and runs a query is tests/services/playground-browser.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countedGateway, PRODUCTION_ENV, type CountedGateway } from "../support/gateway-front.js";
import { startTestSystem, type TestSystem } from "../support/system.js";

let system: TestSystem;
const gateways: CountedGateway[] = [];
const origin = (url: string): string => new URL(url).origin;

beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  for (const g of gateways) await g.close();
  await system?.stop();
});

async function gateway(env: Record<string, string>): Promise<CountedGateway> {
  const g = await countedGateway(system, env);
  gateways.push(g);
  return g;
}

describe("GET /playground (embedded mode)", () => {
  it("serves a page whose scripts and stylesheets are all the gateway's own", async () => {
    const response = await fetch(`${origin(system.gatewayUrl)}/playground`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    const html = await response.text();
    // The icon is an empty data: URL, so that the browser does not ask for /favicon.ico either.
    const links = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!).filter((link) => link !== "data:,");
    expect(links).toEqual(["playground/graphiql.css", "playground/graphiql.js"]);
    for (const link of links) expect(new URL(link, response.url).origin).toBe(origin(system.gatewayUrl));
  });

  it("its assets are bundled from the npm packages, with nothing to fetch from elsewhere", async () => {
    const base = `${origin(system.gatewayUrl)}/playground`;
    const [js, css] = await Promise.all([fetch(`${base}/graphiql.js`), fetch(`${base}/graphiql.css`)]);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toMatch(/javascript/);
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    const script = await js.text();
    expect(script).toContain("graphiql");
    expect(script.length).toBeGreaterThan(100_000);
    const style = await css.text();
    // Fonts and icons are data: URLs; no @import of a web font or a stylesheet from a CDN.
    const urls = [...style.matchAll(/url\(\s*["']?([^"')]+)/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((u) => !u.startsWith("data:"))).toEqual([]);
    expect(style).not.toMatch(/@import/);
    // A second request is answered from the cache (ETag), not bundled again.
    const etag = js.headers.get("etag")!;
    expect((await fetch(`${base}/graphiql.js`, { headers: { "if-none-match": etag } })).status).toBe(304);
  });

  it("only GET and HEAD", async () => {
    const response = await fetch(`${origin(system.gatewayUrl)}/playground`, { method: "POST" });
    expect(response.status).toBe(405);
  });
});

describe("production mode", () => {
  it("no playground (404) unless PLAYGROUND=1", async () => {
    const production = await gateway(PRODUCTION_ENV);
    for (const path of ["/playground", "/playground/graphiql.js", "/playground/graphiql.css"]) {
      expect((await fetch(`${origin(production.url)}${path}`)).status, path).toBe(404);
    }
    const enabled = await gateway({ ...PRODUCTION_ENV, PLAYGROUND: "1" });
    expect((await fetch(`${origin(enabled.url)}/playground`)).status).toBe(200);
  });

  it("PLAYGROUND=0 turns it off in embedded mode too", async () => {
    const off = await gateway({ PLAYGROUND: "0" });
    expect((await fetch(`${origin(off.url)}/playground`)).status).toBe(404);
  });
});
