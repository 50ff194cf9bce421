/**
 * One-time codes. A code is 12 characters of an unambiguous alphabet (about 60 bits), lives a few days and is
 * tried under the sign-in throttle, so a SHA-256 of it is enough to store (scrypt would make a 2,000-pupil
 * roster import take minutes). Issuing a code supersedes the person's earlier unused ones.
 */
import { createHash, randomInt, randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import { now, nowMs } from "../../../shared/clock.js";
import { OneTimeCode } from "../entities/index.js";
import type { CodePurpose } from "../entities/one-time-code.entity.js";

const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 12;
const SMS_CODE_LENGTH = 6;
const DAY_MS = 24 * 60 * 60 * 1000;

export const ACTIVATION_TTL_DAYS = 14;
export const SMS_CODE_TTL_MINUTES = 15;

const hashOf = (code: string): string => createHash("sha256").update(code.trim().toUpperCase().replace(/-/g, ""), "utf8").digest("hex");

const randomCode = (length: number, alphabet: string): string =>
  Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join("");

/** A new activation code, shown once (grouped by four for reading aloud); earlier unused codes stop working. */
export function issueActivationCode(em: EntityManager, userId: string): string {
  const code = randomCode(CODE_LENGTH, ALPHABET);
  em.persist(
    em.create(OneTimeCode, {
      id: randomUUID(),
      userId,
      purpose: "ACTIVATION",
      hash: hashOf(code),
      expiresAt: new Date(nowMs() + ACTIVATION_TTL_DAYS * DAY_MS),
    }),
  );
  return code.match(/.{4}/g)!.join("-");
}

/** A six-digit code to send by SMS (a password reset, or checking the phone itself). */
export function issueSmsCode(em: EntityManager, userId: string, purpose: "SMS_RESET" | "PHONE_CHECK"): string {
  const code = randomCode(SMS_CODE_LENGTH, "0123456789");
  em.persist(
    em.create(OneTimeCode, {
      id: randomUUID(),
      userId,
      purpose,
      hash: hashOf(code),
      expiresAt: new Date(nowMs() + SMS_CODE_TTL_MINUTES * 60_000),
    }),
  );
  return code;
}

/** Ends every unused code of the person (before issuing a new one, or once a password is set). */
export async function retireCodes(em: EntityManager, userId: string): Promise<void> {
  await em.nativeUpdate(OneTimeCode, { userId, usedAt: null }, { usedAt: now() });
}

/**
 * Uses the code if it is the person's, unused and not expired: marked used with a conditional update, so two
 * requests with the same code cannot both succeed.
 */
export async function redeemCode(em: EntityManager, userId: string, code: string, purposes: readonly CodePurpose[]): Promise<boolean> {
  const row = await em.findOne(OneTimeCode, {
    userId,
    hash: hashOf(code),
    purpose: { $in: [...purposes] },
    usedAt: null,
    expiresAt: { $gt: now() },
  });
  if (!row) return false;
  return (await em.nativeUpdate(OneTimeCode, { id: row.id, usedAt: null }, { usedAt: now() })) === 1;
}
