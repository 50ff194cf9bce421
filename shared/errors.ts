/**
 * Typed client errors, one class per contract code (RUNTIME.md). Messages here are English
 * defaults; the locale plugin replaces them with the caller's language before the response leaves.
 * A refusal's own explanation (why, and who may) is kept in `extensions.detail`, so it outlives that
 * translation: the headline is in the caller's language, the detail says what to do about it.
 */
import { GraphQLError } from "graphql";

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "PERSONAL_DATA_WITHHELD"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "NOT_IMPLEMENTED"
  | "TOO_COMPLEX"
  | "RATE_LIMITED"
  | "SERVICE_UNAVAILABLE";

abstract class ApiError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}, httpStatus?: number) {
    super(message, { extensions: { code, ...extensions, ...(httpStatus ? { http: { status: httpStatus } } : {}) } });
  }
}

/** `detail` only when there is one: a bare refusal has nothing to add to its headline. */
const detailOf = (detail: string | undefined): Record<string, unknown> => (detail ? { detail } : {});

export class UnauthenticatedError extends ApiError {
  /** `reason` tells a client what to do: CLAIMS_CHANGED means "refresh the session", not "sign in again". */
  constructor(detail?: string, httpStatus?: number, reason?: "CLAIMS_CHANGED") {
    super(
      "UNAUTHENTICATED",
      detail ?? "Authentication is required or the token is not valid",
      { ...detailOf(detail), ...(reason ? { reason } : {}) },
      httpStatus,
    );
  }
}

/** FORBIDDEN, with the reason (who may, what would let the caller in) in `extensions.detail`. */
export class ForbiddenError extends ApiError {
  constructor(detail?: string, httpStatus?: number) {
    super("FORBIDDEN", detail ?? "This operation is not allowed", detailOf(detail), httpStatus);
  }
}

export type WithholdReason = "NO_RELATIONSHIP" | "PURPOSE_NOT_ALLOWED" | "ROLE_NOT_ALLOWED" | "BLOCKED";

export class PersonalDataWithheldError extends ApiError {
  constructor(category: string, reason: WithholdReason) {
    super("PERSONAL_DATA_WITHHELD", `Personal data withheld (${category}: ${reason})`, { category, reason });
  }
}

export class BadUserInputError extends ApiError {
  constructor(field: string, detail: string, httpStatus?: number) {
    super("BAD_USER_INPUT", `${field}: ${detail}`, { field, detail }, httpStatus);
  }
}

export class NotFoundError extends ApiError {
  constructor(what: string) {
    super("NOT_FOUND", `${what} not found`, { what });
  }
}

/** For contract fields whose feature belongs to a later milestone: a clear answer, never made-up figures. */
export class NotImplementedError extends ApiError {
  constructor(feature: string) {
    super("NOT_IMPLEMENTED", `${feature} is not available yet`, { feature });
  }
}

export class TooComplexError extends ApiError {
  constructor(detail: string) {
    // The detail (which limit, by how much) stays beside the localised headline.
    super("TOO_COMPLEX", detail, { detail }, 400);
  }
}

export class RateLimitedError extends ApiError {
  /** `retryAfterSeconds` becomes the response's Retry-After header (Apollo Server reads `extensions.http`). */
  constructor(detail?: string, retryAfterSeconds?: number) {
    super("RATE_LIMITED", detail ?? "Too many requests", detailOf(detail), 429);
    if (retryAfterSeconds !== undefined) {
      this.extensions.http = { status: 429, headers: new Map([["retry-after", String(retryAfterSeconds)]]) };
    }
  }
}

/** Seconds a client is asked to wait before retrying after SERVICE_UNAVAILABLE. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * A dependency (a subgraph, a database) is down or did not answer in time: the client may retry, and a
 * write that got this answer may or may not have been applied (retry it with the same Idempotency-Key).
 * `detail` names the part that failed (`journal`, `database`), never an address or a driver's message.
 */
export class ServiceUnavailableError extends ApiError {
  constructor(detail: string) {
    super("SERVICE_UNAVAILABLE", detail, { detail }, 503);
    this.extensions.http = { status: 503, headers: new Map([["retry-after", String(UNAVAILABLE_RETRY_AFTER_SECONDS)]]) };
  }
}
