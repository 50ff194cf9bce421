/**
 * Telling "the database is not there" from "this statement is wrong": the first is an outage a client may
 * retry (SERVICE_UNAVAILABLE), the second a bug (INTERNAL_SERVER_ERROR). Drivers say it in different ways:
 * a socket error code, a PostgreSQL SQLSTATE of class 08 (connection) or 57P (shutdown), the pool giving up.
 */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
const SQLSTATE = /^(08...|57P0[1-3]|53300)$/;
const MESSAGES =
  /Connection terminated|connection is not open|Timeout acquiring a connection|Client has encountered a connection error|database is locked|Connection ended unexpectedly/i;

/** Whether `error` (or anything it wraps) says the database could not be reached or answered. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const { code, message, name } = current as { code?: unknown; message?: unknown; name?: unknown };
    if (typeof code === "string" && (SOCKET_CODES.has(code) || SQLSTATE.test(code))) return true;
    if (name === "KnexTimeoutError") return true;
    if (typeof message === "string" && MESSAGES.test(message)) return true;
    const next = current as { originalError?: unknown; cause?: unknown; previous?: unknown };
    current = next.originalError ?? next.previous ?? next.cause;
  }
  return false;
}
