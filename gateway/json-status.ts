/**
 * GraphQL-over-HTTP status codes for a request that never ran (it did not parse, validate or coerce). Apollo Server
 * answers 400 whatever the client accepts; the specification advises 200 for `application/json`, whose
 * older clients read the body only on success, and keeps 4xx for `application/graphql-response+json`,
 * whose clients know that a 4xx body is still a GraphQL response.
 */
import type { ApolloServerPlugin } from "@apollo/server";

const JSON_TYPE = "application/json";
const GRAPHQL_RESPONSE_TYPE = "application/graphql-response+json";

/**
 * Errors of a document that never reached execution: it did not parse, did not validate, or its variables
 * did not coerce (BAD_USER_INPUT with no data at all; a resolver's BAD_USER_INPUT comes with data).
 */
const REQUEST_ERRORS = new Set(["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT"]);

/** The q-value `accept` gives a media type (0: not accepted), with `*\/*` and `application/*` counting. */
function qualityOf(accept: string, type: string): number {
  let best = 0;
  for (const part of accept.split(",")) {
    const [range, ...params] = part.trim().toLowerCase().split(";");
    const matches = range === type || range === "*/*" || range === `${type.split("/")[0]}/*`;
    if (!matches) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    best = Math.max(best, q ? Number(q.slice(2)) || 0 : 1);
  }
  return best;
}

/** The media type of the response: the better-accepted of the two, application/json on a tie (as Apollo). */
export function responseMediaType(accept: string | undefined): typeof JSON_TYPE | typeof GRAPHQL_RESPONSE_TYPE | undefined {
  if (!accept) return JSON_TYPE;
  const json = qualityOf(accept, JSON_TYPE);
  const graphql = qualityOf(accept, GRAPHQL_RESPONSE_TYPE);
  if (json === 0 && graphql === 0) return undefined;
  return graphql > json ? GRAPHQL_RESPONSE_TYPE : JSON_TYPE;
}

export function jsonStatusPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ request }) {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single" || response.body.singleResult.data !== undefined) return;
          const errors = response.body.singleResult.errors ?? [];
          if (errors.length === 0 || !errors.every((e) => REQUEST_ERRORS.has(String(e.extensions?.code)))) return;
          const type = responseMediaType(request.http?.headers.get("accept"));
          // Not acceptable at all: Apollo Server answers 406 itself.
          if (!type) return;
          response.http.headers.set("content-type", `${type}; charset=utf-8`);
          if (type === JSON_TYPE) response.http.status = 200;
        },
      };
    },
  };
}
