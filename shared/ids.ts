import { BadUserInputError } from "./errors.js";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isId = (value: string): boolean => UUID_RE.test(value);

/** Validates an ID argument; ids are UUIDs, anything else is a client mistake, not a miss. */
export function parseId(value: string, field: string): string {
  if (!isId(value)) throw new BadUserInputError(field, "not a valid id");
  return value.toLowerCase();
}
