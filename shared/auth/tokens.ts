/** Access tokens: ES256 JWTs signed by the users subgraph, verified by the gateway and every subgraph. */
import { randomUUID } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";
import type { Config } from "../config.js";
import { LOCALES, type Locale } from "../i18n/locale.js";
import { UnauthenticatedError } from "../errors.js";
import type { AccessClaims } from "./claims.js";
import type { StaleClaimsCheck } from "./claims-generation.js";
import { TOKEN_ALG, type SigningKeys } from "./keys.js";
import { isPurpose, isRole, type Role } from "./roles.js";
import { now, nowMs } from "../clock.js";

export interface TokenSettings {
  keys: SigningKeys;
  issuer: string;
  audience: string;
  accessTtlSeconds: number;
  /**
   * Whether a session (`sid`) has been ended; set per subgraph (see revocations.ts). Without it, as in the
   * gateway, only signature, issuer, audience and expiry are checked. The role tells the users subgraph
   * where to look (a person's sessions, or a partner's client).
   */
  isRevoked?: (sid: string, role?: Role) => Promise<boolean>;
  /**
   * Whether the person's relationships changed after the token's claims were computed (claims-generation.ts);
   * set per subgraph like `isRevoked`.
   */
  isStale?: StaleClaimsCheck;
  /**
   * Both checks in one statement (a subgraph keeping both replicas): whether the session `sid` was revoked,
   * and the claims generation of `sub` (0 when none). Used instead of `isRevoked` and `isStale` when set.
   */
  tokenState?: (sid: string | undefined, sub: string) => Promise<{ revoked: boolean; generation: number }>;
}

export const tokenSettings = (config: Config, keys: SigningKeys): TokenSettings => ({
  keys,
  issuer: config.jwt.issuer,
  audience: config.jwt.audience,
  accessTtlSeconds: config.jwt.accessTtlSeconds,
});

export async function signAccessToken(settings: TokenSettings, claims: AccessClaims): Promise<{ token: string; expiresAt: Date }> {
  if (!settings.keys.privateKey) throw new Error("This service has no private key and cannot issue tokens");
  // Every token names a session: verification refuses one without `sid`. An issuer with no session of its
  // own (a test's hand-built claims) gets a fresh one that no refresh token can ever extend.
  const { sub, ...rest } = { ...claims, sid: claims.sid ?? randomUUID() };
  const expiresAt = new Date(nowMs() + settings.accessTtlSeconds * 1000);
  const token = await new SignJWT({ ...rest })
    .setProtectedHeader({ alg: TOKEN_ALG, typ: "JWT" })
    .setSubject(sub)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt(Math.floor(nowMs() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .setJti(randomUUID())
    .sign(settings.keys.privateKey);
  return { token, expiresAt };
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/** Claims without which a token cannot expire, be revoked or be told apart from a replay. */
const REQUIRED_CLAIMS = ["exp", "sid", "jti"] as const;

/**
 * Verifies signature, issuer, audience and expiry, checks the claim shapes, then (where the settings can
 * tell) that the session was not revoked. Any failure is UNAUTHENTICATED. A token without `exp` would
 * never expire, one without `sid` could never be revoked, one without `jti` names no single issue: each
 * is refused, whoever signed it.
 */
export async function verifyAccessToken(settings: TokenSettings, token: string): Promise<AccessClaims> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, settings.keys.publicKey, {
      issuer: settings.issuer,
      audience: settings.audience,
      algorithms: [TOKEN_ALG],
      // Expiry is judged by the one clock, so a pinned test or a replayed day agrees with the signer.
      currentDate: now(),
      requiredClaims: [...REQUIRED_CLAIMS],
    }));
  } catch {
    throw new UnauthenticatedError("The access token is not valid or has expired", 401);
  }
  const { sub, role, locale, org, teaching } = payload as Record<string, unknown>;
  if (typeof sub !== "string" || !isRole(role)) throw new UnauthenticatedError("The access token is malformed", 401);
  const { sid, jti, exp } = payload;
  if (typeof sid !== "string" || !sid || typeof jti !== "string" || !jti || typeof exp !== "number") {
    throw new UnauthenticatedError("The access token is malformed", 401);
  }
  const gen = typeof payload.gen === "number" && Number.isInteger(payload.gen) && payload.gen > 0 ? payload.gen : 0;
  const state = settings.tokenState ? await settings.tokenState(sid, sub) : undefined;
  if (state ? state.revoked : settings.isRevoked && (await settings.isRevoked(sid, role))) {
    throw new UnauthenticatedError("The session of this access token has ended", 401);
  }
  if (state ? state.generation > gen : settings.isStale && (await settings.isStale(sub, gen))) {
    throw new UnauthenticatedError("The relationships behind this access token have changed; refresh the session", 401, "CLAIMS_CHANGED");
  }
  const orgObj = (org ?? {}) as Record<string, unknown>;
  return {
    sub,
    role,
    locale: LOCALES.includes(locale as Locale) ? (locale as Locale) : "UZ_LATN",
    org: {
      regionId: typeof orgObj.regionId === "string" ? orgObj.regionId : undefined,
      districtId: typeof orgObj.districtId === "string" ? orgObj.districtId : undefined,
      schoolId: typeof orgObj.schoolId === "string" ? orgObj.schoolId : undefined,
    },
    classes: strings(payload.classes),
    teaching: Array.isArray(teaching)
      ? teaching.filter((t): t is [string, string] => Array.isArray(t) && t.length === 2 && t.every((x) => typeof x === "string"))
      : [],
    homeroom: strings(payload.homeroom),
    children: strings(payload.children),
    childClasses: strings(payload.childClasses),
    purposes: strings(payload.purposes).filter(isPurpose),
    sid,
    ...(gen > 0 ? { gen } : {}),
    ...(typeof payload.rate === "number" && Number.isInteger(payload.rate) && payload.rate > 0 ? { rate: payload.rate } : {}),
  };
}
