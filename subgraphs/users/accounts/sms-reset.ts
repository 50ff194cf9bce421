/**
 * Resetting a password by SMS: a person whose phone is verified asks for a code by login and then uses it
 * with activateAccount. The request answers the same whether or not the login exists or has a verified
 * phone, and counts against the sign-in throttle like a failed sign-in, so it cannot be used to probe
 * accounts or to flood a phone. Verifying the phone: the signed-in person asks for a code to the phone on
 * record and confirms it.
 */
import type { AuthedContext } from "../../../shared/context.js";
import { now } from "../../../shared/clock.js";
import { SMS_CODE, type SmsCode } from "../../../shared/events/contracts/users-sms.js";
import { enqueue } from "../../../shared/events/outbox.js";
import { BadUserInputError } from "../../../shared/errors.js";
import type { UsersContext } from "../context.js";
import { User } from "../entities/index.js";
import { recordFailure, reserveAttempt, loginThrottleKey, throttleKeys } from "../sign-in/throttle.js";
import { issueSmsCode, redeemCode } from "./one-time-codes.js";

function textCode(ctx: UsersContext, user: User, purpose: SmsCode["purpose"]): Promise<void> {
  return ctx.em.transactional(async (em) => {
    const code = issueSmsCode(em, user.id, purpose);
    const event: SmsCode = { userId: user.id, phone: user.phone!, code, purpose, locale: user.locale };
    enqueue(em, SMS_CODE, { ...event });
  });
}

export async function requestPasswordResetCode(ctx: UsersContext, login: string): Promise<boolean> {
  const { config } = ctx.services;
  const keys = await throttleKeys(ctx.em, loginThrottleKey(login), ctx.clientAddress, config.signInLock);
  await reserveAttempt(ctx.em, keys, config.signInLock);
  await recordFailure(ctx.em, keys, config.signInLock);
  const user = await ctx.em.findOne(User, { login });
  if (user?.phone && user.phoneVerifiedAt) {
    await textCode(ctx, user, "SMS_RESET");
    ctx.services.relay.kick();
  }
  return true;
}

export async function requestPhoneCheck(ctx: AuthedContext<UsersContext>): Promise<boolean> {
  const user = await ctx.em.findOne(User, { id: ctx.caller.sub });
  if (!user?.phone) throw new BadUserInputError("phone", "there is no phone number on record");
  await textCode(ctx, user, "PHONE_CHECK");
  ctx.services.relay.kick();
  return true;
}

export async function confirmPhone(ctx: AuthedContext<UsersContext>, code: string): Promise<boolean> {
  const user = await ctx.em.findOne(User, { id: ctx.caller.sub });
  if (!user?.phone) throw new BadUserInputError("phone", "there is no phone number on record");
  const { config } = ctx.services;
  const keys = await throttleKeys(ctx.em, loginThrottleKey(user.login), ctx.clientAddress, config.signInLock);
  await reserveAttempt(ctx.em, keys, config.signInLock);
  if (!(await redeemCode(ctx.em, user.id, code, ["PHONE_CHECK"]))) {
    await recordFailure(ctx.em, keys, config.signInLock);
    throw new BadUserInputError("code", "wrong or expired code");
  }
  await ctx.em.nativeUpdate(User, { id: user.id }, { phoneVerifiedAt: now() });
  return true;
}
