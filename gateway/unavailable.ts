/**
 * How an outage reaches a client over HTTP. Any SERVICE_UNAVAILABLE in a response adds `Retry-After`; when
 * nothing could be served (no data at all, or every root field null) the status is 503 rather than 200, so a
 * client or a proxy sees an outage, not a bug. A partial answer stays 200 with its errors at their paths.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from "../shared/errors.js";

export function unavailablePlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const { errors, data } = response.body.singleResult;
          if (!errors?.some((e) => e.extensions?.code === "SERVICE_UNAVAILABLE")) return;
          response.http.headers.set("retry-after", String(UNAVAILABLE_RETRY_AFTER_SECONDS));
          const served = !!data && Object.values(data).some((value) => value !== null && value !== undefined);
          if (!served) response.http.status = 503;
        },
      };
    },
  };
}
