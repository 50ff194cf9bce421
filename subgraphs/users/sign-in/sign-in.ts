/**
 * The sign-in use cases behind the three public mutations. Each returns the payload and the caller
 * it established, so the resolver can let the payload's `user` resolve as the signed-in person.
 */
import type { Caller } from "../../../shared/auth/claims.js";
import { signAccessToken } from "../../../shared/auth/tokens.js";
import { BadUserInputError, UnauthenticatedError } from "../../../shared/errors.js";
import { assertAccountConsents } from "../consents/sign-in-gate.js";
import type { UsersContext } from "../context.js";
import { PasswordCredential, User, type ConsentKind } from "../entities/index.js";
import { computeClaims } from "./claims.js";
import { dummyHash, verifyPassword } from "./password.js";
import { issueRefreshToken, revokeSession, rotateRefreshToken, type IssuedRefresh, type RevocationSettings } from "./sessions.js";
import { loginThrottleKey, recordFailure, reserveAttempt, settleSuccess, throttleKeys } from "./throttle.js";

export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  user: User;
}

const MAX_LOGIN_LENGTH = 64;
const MAX_PASSWORD_LENGTH = 1024;

/** Access token for the session's current claims; the caller reads their own profile under SELF_SERVICE. */
async function payloadFor(ctx: UsersContext, user: User, refresh: IssuedRefresh): Promise<{ payload: AuthPayload; caller: Caller }> {
  const claims = await computeClaims(ctx.em, user, refresh.familyId);
  const access = await signAccessToken(ctx.services.tokens, claims);
  await ctx.em.flush();
  return {
    payload: { accessToken: access.token, refreshToken: refresh.token, expiresAt: access.expiresAt, user },
    caller: { ...claims, purpose: "SELF_SERVICE" },
  };
}

/**
 * `consents`: consents the person gives as they sign in, recorded once the password is right; how an adult
 * who withdrew the user agreement or privacy policy comes back (see ../consents/sign-in-gate.ts).
 */
export async function signIn(
  ctx: UsersContext,
  login: string,
  password: string,
  consents: readonly ConsentKind[] = [],
): Promise<{ payload: AuthPayload; caller: Caller }> {
  if (login.length > MAX_LOGIN_LENGTH) throw new BadUserInputError("login", `at most ${MAX_LOGIN_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new BadUserInputError("password", `at most ${MAX_PASSWORD_LENGTH} characters`);
  const { config } = ctx.services;
  const keys = await throttleKeys(ctx.em, loginThrottleKey(login), ctx.clientAddress, config.signInLock);
  // Counted before the (slow) password check, so parallel guesses cannot all slip under the limit.
  await reserveAttempt(ctx.em, keys, config.signInLock);

  const user = await ctx.em.findOne(User, { login });
  const credential = user ? await ctx.em.findOne(PasswordCredential, { userId: user.id }) : null;
  const ok = await verifyPassword(password, credential?.hash ?? (await dummyHash()));
  if (!user || !credential || !ok) {
    await recordFailure(ctx.em, keys, config.signInLock);
    throw new UnauthenticatedError("Wrong login or password", 401);
  }
  await settleSuccess(ctx.em, keys, config.signInLock);
  // After the password check, so only the account holder learns about its consents.
  await assertAccountConsents(ctx, user, consents);
  return payloadFor(ctx, user, issueRefreshToken(ctx.em, user.id, config.refreshTtlDays));
}

/** A new session for a person whose credentials another use case has just checked (account activation). */
export const signInAs = (ctx: UsersContext, user: User): Promise<{ payload: AuthPayload; caller: Caller }> =>
  payloadFor(ctx, user, issueRefreshToken(ctx.em, user.id, ctx.services.config.refreshTtlDays));

const revocation = (ctx: UsersContext): RevocationSettings => ({
  accessTtlSeconds: ctx.services.tokens.accessTtlSeconds,
  afterCommit: () => ctx.services.relay.kick(),
});

export async function refreshSession(ctx: UsersContext, refreshToken: string): Promise<{ payload: AuthPayload; caller: Caller }> {
  const next = await rotateRefreshToken(ctx.em, refreshToken, ctx.services.config.refreshTtlDays, revocation(ctx));
  const user = await ctx.em.findOne(User, { id: next.userId });
  if (!user) throw new UnauthenticatedError("The refresh token is not valid", 401);
  await assertAccountConsents(ctx, user);
  return payloadFor(ctx, user, next);
}

/** Ends the session: its refresh tokens stop working at once, its access tokens in every subgraph. */
export const signOut = (ctx: UsersContext, refreshToken: string): Promise<boolean> => revokeSession(ctx.em, refreshToken, revocation(ctx));
