/**
 * Passwords after the first sign-in: the person activates the account with the one-time code and sets a
 * password; changes it with the old one; the school's administration resets it (a new code, every session
 * ends). Whenever a password is set, every earlier session and code ends with it.
 */
import type { EntityManager } from "@mikro-orm/core";
import type { Caller } from "../../../shared/auth/claims.js";
import { relationshipsOf } from "../../../shared/auth/relationships.js";
import type { AuthedContext } from "../../../shared/context.js";
import { BadUserInputError, ForbiddenError, NotFoundError, UnauthenticatedError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import { assertAccountConsents } from "../consents/sign-in-gate.js";
import type { UsersContext } from "../context.js";
import { PasswordCredential, User } from "../entities/index.js";
import { hashPassword, verifyPassword } from "../sign-in/password.js";
import { revokeSessionsOf } from "../sign-in/sessions.js";
import { signInAs, type AuthPayload } from "../sign-in/sign-in.js";
import { recordFailure, reserveAttempt, settleSuccess, loginThrottleKey, throttleKeys } from "../sign-in/throttle.js";
import { userSubject } from "../subjects.js";
import { issueActivationCode, redeemCode, retireCodes } from "./one-time-codes.js";
import { assertPasswordAllowed } from "./password-rules.js";

/** Sets the password, ends every code and session of the person; inside the caller's transaction. */
async function replacePassword(em: EntityManager, ctx: UsersContext, userId: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
  const credential = await em.findOne(PasswordCredential, { userId });
  if (credential) credential.hash = hash;
  else em.persist(em.create(PasswordCredential, { userId, hash }));
  await retireCodes(em, userId);
  await revokeSessionsOf(em, userId, ctx.services.tokens.accessTtlSeconds);
}

/**
 * First sign-in (or the one after a reset): the login, the one-time code and the new password. Throttled
 * like signIn; a wrong code is a wrong credential. Answers a signed-in session.
 */
export async function activateAccount(
  ctx: UsersContext,
  args: { login: string; code: string; newPassword: string },
): Promise<{ payload: AuthPayload; caller: Caller }> {
  // The rules first: a refused password tells nothing about the account and costs no attempt.
  assertPasswordAllowed(args.newPassword, args.login);
  const { config } = ctx.services;
  const keys = await throttleKeys(ctx.em, loginThrottleKey(args.login), ctx.clientAddress, config.signInLock);
  await reserveAttempt(ctx.em, keys, config.signInLock);
  const user = await ctx.em.findOne(User, { login: args.login });
  if (!user) {
    await recordFailure(ctx.em, keys, config.signInLock);
    throw new UnauthenticatedError("Wrong login or code", 401);
  }
  const ok = await ctx.em.transactional(async (em) => {
    if (!(await redeemCode(em, user.id, args.code, ["ACTIVATION", "SMS_RESET"]))) return false;
    await replacePassword(em, ctx, user.id, args.newPassword);
    return true;
  });
  if (!ok) {
    await recordFailure(ctx.em, keys, config.signInLock);
    throw new UnauthenticatedError("Wrong login or code", 401);
  }
  await settleSuccess(ctx.em, keys, config.signInLock);
  ctx.services.relay.kick();
  await assertAccountConsents(ctx, user);
  return signInAs(ctx, user);
}

/** The signed-in person changes their password; every session (this one too) ends. */
export async function changePassword(
  ctx: AuthedContext<UsersContext>,
  args: { oldPassword: string; newPassword: string },
): Promise<boolean> {
  const user = await ctx.em.findOne(User, { id: ctx.caller.sub });
  if (!user) throw new ForbiddenError("Only a person with an account may change a password");
  const { config } = ctx.services;
  const keys = await throttleKeys(ctx.em, loginThrottleKey(user.login), ctx.clientAddress, config.signInLock);
  await reserveAttempt(ctx.em, keys, config.signInLock);
  const credential = await ctx.em.findOne(PasswordCredential, { userId: user.id });
  if (!credential || !(await verifyPassword(args.oldPassword, credential.hash))) {
    await recordFailure(ctx.em, keys, config.signInLock);
    throw new BadUserInputError("oldPassword", "is not the current password");
  }
  await settleSuccess(ctx.em, keys, config.signInLock);
  assertPasswordAllowed(args.newPassword, user.login);
  if (args.newPassword === args.oldPassword) throw new BadUserInputError("newPassword", "must differ from the old one");
  await ctx.em.transactional((em) => replacePassword(em, ctx, user.id, args.newPassword));
  ctx.services.relay.kick();
  return true;
}

export interface PasswordReset {
  user: User;
  activationCode: string;
}

/**
 * The school's administration resets the password of one of its people (students, their parents, staff):
 * the old password stops working, every session ends and a new one-time code is shown once.
 */
export async function resetPassword(ctx: AuthedContext<UsersContext>, userIdArg: string): Promise<PasswordReset> {
  if (ctx.caller.role !== "SCHOOL_ADMIN") throw new ForbiddenError("Only a school's administration may reset a password");
  const user = await ctx.em.findOne(User, { id: parseId(userIdArg, "userId") });
  if (!user) throw new NotFoundError("User");
  const subject = await userSubject(ctx, user);
  if (!subject || !relationshipsOf(ctx.caller, subject).includes("SCHOOL_ADMIN")) {
    throw new ForbiddenError("This person is not one of your school's people");
  }
  if (user.id === ctx.caller.sub) throw new BadUserInputError("userId", "change your own password with changePassword");
  const activationCode = await ctx.em.transactional(async (em) => {
    await em.nativeDelete(PasswordCredential, { userId: user.id });
    await retireCodes(em, user.id);
    await revokeSessionsOf(em, user.id, ctx.services.tokens.accessTtlSeconds);
    return issueActivationCode(em, user.id);
  });
  ctx.privacy.noteFor(ctx.caller, user.id, "User.login");
  ctx.services.relay.kick();
  return { user, activationCode };
}
