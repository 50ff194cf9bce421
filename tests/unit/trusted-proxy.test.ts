import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../shared/config.js";
import { clientAddressOf } from "../../shared/http/subgraph-server.js";

const request = (peer: string | undefined, forwarded?: string): IncomingMessage =>
  ({ socket: { remoteAddress: peer }, headers: forwarded ? { "x-forwarded-for": forwarded } : {} }) as unknown as IncomingMessage;

describe("TRUSTED_PROXY", () => {
  const production = { NODE_ENV: "production", DATABASE_URL: "postgres://db/x", NATS_URL: "nats://n:4222" };

  it("defaults to loopback in embedded mode and to nobody in production", () => {
    expect(loadConfig({}).trustedProxies).toEqual(["127.0.0.1", "::1"]);
    expect(loadConfig(production).trustedProxies).toEqual([]);
  });

  it("reads a comma-separated list of addresses, or none", () => {
    expect(loadConfig({ TRUSTED_PROXY: "10.0.0.5, fd00::7" }).trustedProxies).toEqual(["10.0.0.5", "fd00::7"]);
    expect(loadConfig({ TRUSTED_PROXY: "none" }).trustedProxies).toEqual([]);
    expect(loadConfig({ ...production, TRUSTED_PROXY: "10.0.0.5" }).trustedProxies).toEqual(["10.0.0.5"]);
  });

  it("stops at start on something that is not an address", () => {
    expect(() => loadConfig({ TRUSTED_PROXY: "10.0.0.0/8" })).toThrow(/TRUSTED_PROXY/);
    expect(() => loadConfig({ TRUSTED_PROXY: "gateway" })).toThrow(/TRUSTED_PROXY/);
  });
});

describe("clientAddressOf", () => {
  it("believes X-Forwarded-For only from a trusted peer", () => {
    expect(clientAddressOf(request("10.0.0.5", "203.0.113.9, 10.0.0.5"), ["10.0.0.5"])).toBe("203.0.113.9");
    expect(clientAddressOf(request("10.0.0.6", "203.0.113.9"), ["10.0.0.5"])).toBe("10.0.0.6");
    expect(clientAddressOf(request("10.0.0.6", "203.0.113.9"))).toBe("10.0.0.6");
  });

  it("treats an IPv4-mapped peer as the IPv4 address, and falls back to the peer without a header", () => {
    expect(clientAddressOf(request("::ffff:127.0.0.1", "203.0.113.9"), ["127.0.0.1"])).toBe("203.0.113.9");
    expect(clientAddressOf(request("127.0.0.1"), ["127.0.0.1"])).toBe("127.0.0.1");
    expect(clientAddressOf(request(undefined, "203.0.113.9"), ["127.0.0.1"])).toBe("unknown");
  });
});
