/**
 * Typed client errors, one class per contract code (RUNTIME.md). Messages here are English
 * defaults; the locale plugin replaces them with the caller's language before the response leaves.
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
  | "RATE_LIMITED";

abstract class ApiError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}, httpStatus?: number) {
    super(message, { extensions: { code, ...extensions, ...(httpStatus ? { http: { status: httpStatus } } : {}) } });
  }
}

export class UnauthenticatedError extends ApiError {
  /** `reason` tells a client what to do: CLAIMS_CHANGED means "refresh the session", not "sign in again". */
  constructor(detail = "Authentication is required or the token is not valid", httpStatus?: number, reason?: "CLAIMS_CHANGED") {
    super("UNAUTHENTICATED", detail, reason ? { reason } : {}, httpStatus);
  }
}

export class ForbiddenError extends ApiError {
  constructor(detail = "This operation is not allowed", httpStatus?: number) {
    super("FORBIDDEN", detail, {}, httpStatus);
  }
}

/**
 * FORBIDDEN whose reason is kept in `extensions.detail`, so it outlives the translation of the headline:
 * for refusals the client must act on (a consent to give, who may give it).
 */
export class ForbiddenWithDetailError extends ApiError {
  constructor(detail: string, httpStatus?: number) {
    super("FORBIDDEN", detail, { detail }, httpStatus);
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
  constructor(detail = "Too many requests", retryAfterSeconds?: number) {
    super("RATE_LIMITED", detail, {}, 429);
    if (retryAfterSeconds !== undefined) {
      this.extensions.http = { status: 429, headers: new Map([["retry-after", String(retryAfterSeconds)]]) };
    }
  }
}
