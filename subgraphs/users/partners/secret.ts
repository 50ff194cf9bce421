/**
 * Client secrets: 256 random bits, shown once (at creation or rotation) and stored only as an scrypt hash,
 * with the same parameters and comparison as passwords. The prefix lets secret scanners recognise a leaked one.
 */
import { randomBytes } from "node:crypto";
import { hashPassword } from "../sign-in/password.js";

export const SECRET_PREFIX = "emps_";
/** Longer than any secret this module makes; a longer one is refused before it reaches scrypt. */
export const MAX_SECRET_LENGTH = 200;

export interface NewSecret {
  secret: string;
  hash: string;
}

export async function newClientSecret(): Promise<NewSecret> {
  const secret = `${SECRET_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { secret, hash: await hashPassword(secret) };
}
