/**
 * What a client may see of an error: our typed codes and GraphQL's own request errors pass, in the
 * caller's language; anything else (a driver error, a bug) becomes a bare INTERNAL_SERVER_ERROR and is
 * logged here by class, code and stack frames only (log-safe.ts): no SQL and no value reaches the log.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import { isDatabaseUnavailable } from "../db/unavailable.js";
import { ERROR_MESSAGES } from "../i18n/messages.js";
import type { Locale } from "../i18n/locale.js";
import { logError } from "./log-safe.js";

const CLIENT_CODES = new Set([
  ...Object.keys(ERROR_MESSAGES),
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
]);

/**
 * The documented extensions (RUNTIME.md): the code, the offending argument of BAD_USER_INPUT, category
 * and reason of PERSONAL_DATA_WITHHELD, and the short words our typed errors add. Anything else (the
 * gateway's `serviceName`, a subgraph's `response` with its URL and body, a stack) stays inside.
 */
const CLIENT_EXTENSIONS = ["code", "field", "detail", "category", "reason", "what", "feature"] as const;

/** Codes of our typed errors that a validation rule may raise; they win over Apollo's generic label. */
const VALIDATION_CAUSES = new Set(["BAD_USER_INPUT", "TOO_COMPLEX"]);

/**
 * A scalar's literal that does not parse (`to: "2026-13-45"`) fails validation, and Apollo Server labels
 * it GRAPHQL_VALIDATION_FAILED; when our typed BAD_USER_INPUT error is the cause, that is what the client gets.
 * The same for the gateway's limits (depth, aliases, cost), which are validation rules raising TOO_COMPLEX.
 */
function causeCode(formatted: GraphQLFormattedError, error: unknown): unknown {
  const code = formatted.extensions?.code;
  if (code !== "GRAPHQL_VALIDATION_FAILED") return code;
  // Duck-typed: the error may come from another copy of graphql (instanceof would say no).
  const cause = (error as { originalError?: { extensions?: Record<string, unknown> } } | undefined)?.originalError;
  const underlying = cause?.extensions?.code;
  return typeof underlying === "string" && VALIDATION_CAUSES.has(underlying) ? underlying : code;
}

export function formatClientError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = causeCode(formatted, error);
  if (typeof code === "string" && CLIENT_CODES.has(code) && code !== "INTERNAL_SERVER_ERROR") {
    const extensions: Record<string, unknown> = { code };
    for (const key of CLIENT_EXTENSIONS.slice(1)) {
      const value = formatted.extensions?.[key];
      if (value !== undefined) extensions[key] = value;
    }
    return {
      message: formatted.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions,
    };
  }
  if (isDatabaseUnavailable(error)) {
    // An outage, not a bug: the client may retry (a write may or may not have committed: same Idempotency-Key).
    const detail = "database";
    return { message: detail, path: formatted.path, extensions: { code: "SERVICE_UNAVAILABLE", detail } };
  }
  logError("[error]", (error as { originalError?: unknown })?.originalError ?? error);
  return { message: "Internal error", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

/** The headline in the caller's language, keeping the technical detail (field, reason) after it. */
export function localizeMessage(code: string, locale: Locale, extensions: Record<string, unknown> | undefined): string | undefined {
  const headline = ERROR_MESSAGES[code]?.[locale];
  if (!headline) return undefined;
  const detail = [extensions?.field, extensions?.category, extensions?.reason, extensions?.detail].filter((x) => typeof x === "string");
  return detail.length ? `${headline} (${detail.join(", ")})` : headline;
}

/** Rewrites error messages in the request's locale just before the response is sent. */
export function localizeErrorsPlugin<C extends { locale: Locale }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single" || !response.body.singleResult.errors) return;
          const locale = contextValue?.locale ?? "UZ_LATN";
          response.body.singleResult.errors = response.body.singleResult.errors.map((e) => {
            const code = e.extensions?.code;
            const message = typeof code === "string" ? localizeMessage(code, locale, e.extensions) : undefined;
            return message ? { ...e, message } : e;
          });
        },
      };
    },
  };
}
