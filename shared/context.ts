/**
 * The per-request context every subgraph shares the shape of. Built fresh for each request:
 * its EntityManager fork, loaders and privacy state never outlive the request.
 */
import type { EntityManager } from "@mikro-orm/core";
import type { Caller } from "./auth/claims.js";
import type { PrivacyLedger } from "./auth/privacy-ledger.js";
import type { Locale } from "./i18n/locale.js";

export interface BaseContext {
  /** The audit key: the gateway's id for the request (see shared/auth/caller.ts requestIdsOf). */
  requestId: string;
  /** The client's own X-Request-Id, kept for correlation only. */
  correlationId?: string;
  locale: Locale;
  caller: Caller | null;
  /** The client's network address (the gateway passes it on in X-Forwarded-For), for sign-in throttling. */
  clientAddress: string;
  em: EntityManager;
  /** The client's Idempotency-Key header, when it sent one (shared/idempotency). */
  idempotencyKey?: string;
  privacy: PrivacyLedger;
}

/** A context whose caller is known to be signed in (root fields guarantee it). */
export type AuthedContext<C extends BaseContext = BaseContext> = C & { caller: Caller };
