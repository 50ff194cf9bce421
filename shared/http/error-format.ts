/**
 * What a client may see of an error: our typed codes and GraphQL's own request errors pass, in the
 * caller's language; anything else (a driver error, a bug) becomes a bare INTERNAL_SERVER_ERROR and is
 * logged here with its stack, which never leaves the process.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import { ERROR_MESSAGES } from "../i18n/messages.js";
import type { Locale } from "../i18n/locale.js";

const CLIENT_CODES = new Set([
  ...Object.keys(ERROR_MESSAGES),
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
]);

export function formatClientError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === "string" && CLIENT_CODES.has(code) && code !== "INTERNAL_SERVER_ERROR") {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  console.error("[error]", (error as { originalError?: unknown })?.originalError ?? error);
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
