/**
 * The provider adapter: one POST to the channel's configured endpoint. The outcome is classified here so
 * the worker only decides when to try again. Errors are described in our own words (status code, timeout,
 * network error code): a provider's response body or a URL may echo an address or a token, so neither is kept.
 */
import type { ProviderEndpoint } from "../../../shared/config.js";
import type { ProviderMessage } from "./messages.js";

export type SendOutcome =
  | { kind: "sent" }
  /** Worth another attempt: a 5xx, 408, 425, 429, a timeout or a network failure. */
  | { kind: "retry"; error: string }
  /** The provider refused the message itself (another 4xx): the same request will never succeed. */
  | { kind: "rejected"; error: string };

const RETRIABLE_4XX = new Set([408, 425, 429]);

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

function networkError(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError") return `timeout after ${timeoutMs} ms`;
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === "string" && /^[A-Z0-9_]{2,40}$/.test(code) ? `network error ${code}` : "network error";
}

export async function sendToProvider(
  endpoint: ProviderEndpoint,
  message: ProviderMessage,
  idempotencyKey: string,
  timeoutMs: number,
  fetchFn: FetchLike = fetch,
): Promise<SendOutcome> {
  const headers: Record<string, string> = { "content-type": "application/json", "idempotency-key": idempotencyKey };
  if (endpoint.token) headers.authorization = `Bearer ${endpoint.token}`;
  let response: Response;
  try {
    response = await fetchFn(endpoint.url, {
      method: "POST",
      headers,
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Drain the body so the connection is reused; what it says is not kept.
    await response.arrayBuffer();
  } catch (error) {
    return { kind: "retry", error: networkError(error, timeoutMs) };
  }
  if (response.ok) return { kind: "sent" };
  const error = `HTTP ${response.status}`;
  if (response.status >= 500 || RETRIABLE_4XX.has(response.status)) return { kind: "retry", error };
  return { kind: "rejected", error: `${error} (refused by the provider)` };
}
