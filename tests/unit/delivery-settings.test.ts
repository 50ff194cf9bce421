/** Backoff between delivery attempts, the provider adapter's words for a dead endpoint, and the channels' configuration. */
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../shared/config.js";
import { sendToProvider } from "../../subgraphs/notifications/channels/http-provider.js";
import { backoffDelay } from "../../subgraphs/notifications/delivery/backoff.js";
import { enabledChannels } from "../../subgraphs/notifications/delivery/settings.js";

describe("backoffDelay", () => {
  const settings = { baseDelayMs: 1000, maxDelayMs: 60_000 };

  it("doubles with each failed attempt, between half and all of the ceiling", () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, settings, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, settings, () => 0.999999))).toEqual([1000, 2000, 4000, 8000]);
  });

  it("never waits longer than the cap, however many attempts failed", () => {
    expect(backoffDelay(7, settings, () => 0.999999)).toBe(60_000);
    expect(backoffDelay(500, settings, () => 0.999999)).toBe(60_000);
    expect(Number.isFinite(backoffDelay(10_000, settings))).toBe(true);
  });

  it("spreads retries of the same attempt (jitter)", () => {
    const waits = new Set(Array.from({ length: 50 }, () => backoffDelay(3, settings)));
    expect(waits.size).toBeGreaterThan(1);
    for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(2000);
  });
});

describe("the delivery configuration", () => {
  it("switches on exactly the channels with a provider URL, with their tokens", () => {
    const config = loadConfig({ SMS_PROVIDER_URL: "https://sms.example/send", SMS_PROVIDER_TOKEN: "t", EMAIL_PROVIDER_URL: "" });
    expect(enabledChannels(config.delivery)).toEqual(["SMS"]);
    expect(config.delivery.providers.SMS).toEqual({ url: "https://sms.example/send", token: "t" });
    expect(enabledChannels(loadConfig({}).delivery)).toEqual([]);
    expect(loadConfig({}).delivery).toMatchObject({ maxAttempts: 5, baseDelayMs: 30_000, timeoutMs: 10_000 });
  });

  it("stops at start on a bad value, naming the variable", () => {
    expect(() => loadConfig({ TELEGRAM_PROVIDER_URL: "telegram-bot" })).toThrow(/TELEGRAM_PROVIDER_URL/);
    expect(() => loadConfig({ EMAIL_PROVIDER_URL: "ftp://mail.example" })).toThrow(/EMAIL_PROVIDER_URL/);
    expect(() => loadConfig({ DELIVERY_MAX_ATTEMPTS: "0" })).toThrow(/DELIVERY_MAX_ATTEMPTS/);
    expect(() => loadConfig({ DELIVERY_BASE_DELAY_MS: "soon" })).toThrow(/DELIVERY_BASE_DELAY_MS/);
  });
});

describe("sendToProvider", () => {
  it("reports an endpoint nobody listens on as a retriable network error, without its address", async () => {
    // A port that was free a moment ago: bound, then released.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const outcome = await sendToProvider(
      { url: `http://127.0.0.1:${port}/sms?token=secret` },
      { channel: "SMS", to: "+998900000000", text: "x", reference: "k" },
      "k",
      2000,
    );
    expect(outcome).toEqual({ kind: "retry", error: "network error ECONNREFUSED" });
  });
});
