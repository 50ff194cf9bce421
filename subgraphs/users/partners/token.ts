/**
 * The token endpoint: a client id and secret for a short-lived access token, signed like a person's. Throttled
 * like sign-in (the client id at one address, from new addresses, and per address; counted before the secret
 * is checked), and an unknown client costs the same scrypt as a wrong secret. There is no refresh token: a
 * partner asks again with its secret.
 */
import type { AccessClaims } from "../../../shared/auth/claims.js";
import { PARTNER_ROLE, partnerOrg } from "../../../shared/auth/partners.js";
import { signAccessToken } from "../../../shared/auth/tokens.js";
import { BadUserInputError, UnauthenticatedError } from "../../../shared/errors.js";
import { isId } from "../../../shared/ids.js";
import type { UsersContext } from "../context.js";
import { PartnerClient } from "../entities/index.js";
import { dummyHash, verifyPassword } from "../sign-in/password.js";
import { partnerThrottleKey, recordFailure, reserveAttempt, settleSuccess, throttleKeys } from "../sign-in/throttle.js";
import { MAX_SECRET_LENGTH } from "./secret.js";

const MAX_CLIENT_ID_LENGTH = 64;

export interface IssuedPartnerToken {
  accessToken: string;
  expiresAt: Date;
  client: PartnerClient;
}

/** What a partner's token says: who (the client id, also its `sid` for revocation), its scope, purposes and rate. */
export const partnerClaims = (client: PartnerClient): AccessClaims => ({
  sub: client.id,
  role: PARTNER_ROLE,
  locale: "UZ_LATN",
  org: partnerOrg(client.scopeLevel, client.scopeUnitId),
  classes: [],
  teaching: [],
  homeroom: [],
  children: [],
  childClasses: [],
  purposes: [...client.purposes],
  sid: client.id,
  rate: client.ratePerMinute,
});

export async function issuePartnerToken(ctx: UsersContext, clientId: string, clientSecret: string): Promise<IssuedPartnerToken> {
  if (clientId.length > MAX_CLIENT_ID_LENGTH) throw new BadUserInputError("clientId", `at most ${MAX_CLIENT_ID_LENGTH} characters`);
  if (clientSecret.length > MAX_SECRET_LENGTH) throw new BadUserInputError("clientSecret", `at most ${MAX_SECRET_LENGTH} characters`);
  const { signInLock } = ctx.services.config;
  const keys = await throttleKeys(ctx.em, partnerThrottleKey(clientId), ctx.clientAddress, signInLock);
  await reserveAttempt(ctx.em, keys, signInLock);

  const client = isId(clientId) ? await ctx.em.findOne(PartnerClient, { id: clientId.toLowerCase() }) : null;
  const ok = await verifyPassword(clientSecret, client?.secretHash ?? (await dummyHash()));
  if (!client || client.revokedAt || !ok) {
    await recordFailure(ctx.em, keys, signInLock);
    throw new UnauthenticatedError("Wrong client id or secret, or the client was revoked", 401);
  }
  await settleSuccess(ctx.em, keys, signInLock);
  const { token, expiresAt } = await signAccessToken(ctx.services.tokens, partnerClaims(client));
  return { accessToken: token, expiresAt, client };
}
