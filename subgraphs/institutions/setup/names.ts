/** Names of schools and subjects as the setup operations accept them. */
import { BadUserInputError } from "../../../shared/errors.js";

const MAX_NAME = 200;

/** Trimmed, non-empty, at most 200 characters, no control characters. */
export function checkName(value: string, field: string): string {
  const name = value.trim().replace(/\s+/g, " ");
  if (!name) throw new BadUserInputError(field, "must not be empty");
  if (name.length > MAX_NAME) throw new BadUserInputError(field, `at most ${MAX_NAME} characters`);
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new BadUserInputError(field, "contains control characters");
  return name;
}
