/**
 * What a new password must be: at least 8 characters, not the login, not one of the commonly used passwords
 * (common-passwords.txt, shipped with the code: a few thousand of the most used ones, with Uzbek and Russian
 * ones, written for this project). Compared case-insensitively, so "Password1" counts as "password1".
 */
import { readFileSync } from "node:fs";
import { BadUserInputError } from "../../../shared/errors.js";

export const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 1024;

let common: Set<string> | undefined;
const commonPasswords = (): Set<string> =>
  (common ??= new Set(
    readFileSync(new URL("./common-passwords.txt", import.meta.url), "utf8")
      .split("\n")
      .map((line) => line.trim().toLowerCase())
      .filter(Boolean),
  ));

export function assertPasswordAllowed(password: string, login: string, field = "newPassword"): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new BadUserInputError(field, `at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new BadUserInputError(field, `at most ${MAX_PASSWORD_LENGTH} characters`);
  const lower = password.trim().toLowerCase();
  if (lower === login.toLowerCase()) throw new BadUserInputError(field, "must not be the login");
  if (commonPasswords().has(lower)) throw new BadUserInputError(field, "is one of the most commonly used passwords");
}
