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
  requestId: string;
  locale: Locale;
  caller: Caller | null;
}

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,64}$/;

/** A client's X-Request-Id if it is sane, otherwise a fresh one (it ends up in logs and audit rows). */
export function requestIdFrom(header: string | undefined): string {
  return header && REQUEST_ID_RE.test(header) ? header : randomUUID();
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
  const requestId = requestIdFrom(header("x-request-id"));
  const requested = parseAcceptLanguage(header("accept-language"));
  const auth = header("authorization");
  if (!auth) return { requestId, locale: requested ?? "UZ_LATN", caller: null };
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
  if (purpose !== "LEGAL_REQUEST") return { requestId, locale, caller: { ...claims, purpose } };
  const restricted = header("x-legal-restricted")?.trim().toLowerCase();
  if (restricted !== undefined && restricted !== "true" && restricted !== "false") {
    throw new BadUserInputError("X-Legal-Restricted", 'must be "true" or "false"', 400);
  }
  // The recipient is the authority named in the request; without one, the basis itself identifies it.
  const legalRecipient = textHeader(header, "X-Legal-Recipient") ?? legalBasis;
  return { requestId, locale, caller: { ...claims, purpose, legalBasis, legalRecipient, legalRestricted: restricted === "true" } };
}
