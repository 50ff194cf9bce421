/**
 * Turns request headers into the caller of a request. Used by the gateway (to refuse early) and by
 * every subgraph (which never trusts that the gateway already did).
 */
import { randomUUID } from "node:crypto";
import { BadUserInputError, ForbiddenError } from "../errors.js";
import { parseAcceptLanguage, type Locale } from "../i18n/locale.js";
import type { Caller } from "./claims.js";
import { isPurpose, ROLE_PURPOSES } from "./roles.js";
import { verifyAccessToken, type TokenSettings } from "./tokens.js";

export type HeaderReader = (name: string) => string | undefined;

export interface RequestIdentity {
  locale: Locale;
  caller: Caller | null;
}

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,64}$/;

/** A client-supplied id if it is sane (it ends up in logs and audit rows), otherwise none. */
export const saneId = (header: string | undefined): string | undefined => (header && REQUEST_ID_RE.test(header) ? header : undefined);

/**
 * The ids of one request. `requestId` is the audit key: assigned by the gateway (a fresh UUID per request,
 * whatever the client sent) and believed by a subgraph only from a trusted proxy, i.e. the gateway; a
 * subgraph called directly assigns its own. The client's X-Request-Id is kept as `correlationId` only, so
 * one id sent three times stays three accesses.
 */
export interface RequestIds {
  requestId: string;
  correlationId?: string;
}

export function requestIdsOf(header: HeaderReader, fromGateway: boolean): RequestIds {
  if (fromGateway) {
    return { requestId: saneId(header("x-request-id")) ?? randomUUID(), correlationId: saneId(header("x-correlation-id")) };
  }
  return { requestId: randomUUID(), correlationId: saneId(header("x-request-id")) };
}

/**
 * A free-text header (X-Legal-Basis, X-Legal-Recipient): HTTP carries only ASCII reliably, so text in Uzbek
 * or Russian comes percent-encoded UTF-8 (RUNTIME.md) and is decoded here, the one place headers become
 * values. Raw bytes beyond ASCII (read as Latin-1 by Node, the garbling this prevents), a broken %-escape,
 * bytes that are not UTF-8 or a control character are BAD_USER_INPUT.
 */
export function textHeader(header: HeaderReader, name: string): string | undefined {
  const raw = header(name.toLowerCase());
  if (raw === undefined) return undefined;
  const refuse = (): never => {
    throw new BadUserInputError(name, "must be percent-encoded UTF-8 text", 400);
  };
  if (!/^[\x20-\x7e]*$/.test(raw)) refuse();
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    return refuse();
  }
  // Control characters (NUL, line breaks) have no place in a reference or a name.
  if (/[\u0000-\u001f\u007f]/.test(text)) refuse();
  return text.trim().slice(0, 200) || undefined;
}

export async function identify(header: HeaderReader, tokens: TokenSettings): Promise<RequestIdentity> {
  const requested = parseAcceptLanguage(header("accept-language"));
  const auth = header("authorization");
  if (!auth) return { locale: requested ?? "UZ_LATN", caller: null };
  const match = /^Bearer\s+(\S+)$/i.exec(auth);
  const claims = await verifyAccessToken(tokens, match?.[1] ?? "");
  const locale = requested ?? claims.locale;
  const declared = header("x-purpose");
  if (declared !== undefined && !isPurpose(declared)) throw new BadUserInputError("X-Purpose", `unknown purpose "${declared}"`, 400);
  const allowed = claims.purposes.length ? claims.purposes : ROLE_PURPOSES[claims.role];
  // The role's first purpose the token holds: a partner client given JOURNAL alone defaults to JOURNAL.
  const purpose = declared ?? ROLE_PURPOSES[claims.role].find((p) => allowed.includes(p)) ?? ROLE_PURPOSES[claims.role][0]!;
  if (!allowed.includes(purpose) || !ROLE_PURPOSES[claims.role].includes(purpose)) {
    throw new ForbiddenError(`The role ${claims.role} may not declare the purpose ${purpose}`, 403);
  }
  const legalBasis = textHeader(header, "X-Legal-Basis");
  if (purpose === "LEGAL_REQUEST" && !legalBasis) throw new ForbiddenError("LEGAL_REQUEST needs an X-Legal-Basis reference", 403);
  if (purpose !== "LEGAL_REQUEST") return { locale, caller: { ...claims, purpose } };
  const restricted = header("x-legal-restricted")?.trim().toLowerCase();
  if (restricted !== undefined && restricted !== "true" && restricted !== "false") {
    throw new BadUserInputError("X-Legal-Restricted", 'must be "true" or "false"', 400);
  }
  // The recipient is the authority named in the request; without one, the basis itself identifies it.
  const legalRecipient = textHeader(header, "X-Legal-Recipient") ?? legalBasis;
  return { locale, caller: { ...claims, purpose, legalBasis, legalRecipient, legalRestricted: restricted === "true" } };
}
