import type { Caller } from "../shared/auth/claims.js";
import type { Locale } from "../shared/i18n/locale.js";

/** What the gateway knows of a request: who (verified once here), and the headers it passes on. */
export interface GatewayContext {
  requestId: string;
  locale: Locale;
  caller: Caller | null;
  forward: Record<string, string>;
}

/** Headers every subgraph needs to authorise the request again on its own. */
export const FORWARDED_HEADERS = [
  "authorization",
  "x-purpose",
  "x-legal-basis",
  "x-legal-recipient",
  "x-legal-restricted",
  "accept-language",
  // A write's client key (shared/idempotency): the subgraph that writes records it.
  "idempotency-key",
] as const;
