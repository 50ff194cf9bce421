/**
 * What a partner client may be issued with: a name, purposes its scope allows, one unit of the right level
 * (none for the whole country) and a rate. Anything else is the operator's mistake: BAD_USER_INPUT.
 */
import { PARTNER_LEVEL_PURPOSES, type PartnerLevel } from "../../../shared/auth/partners.js";
import type { Purpose } from "../../../shared/auth/roles.js";
import { BadUserInputError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";

export const MAX_NAME_LENGTH = 200;
/** Ten requests a second: above that a partner should be talking to the operator about bulk exports. */
export const MAX_RATE_PER_MINUTE = 600;

export interface PartnerTerms {
  name: string;
  purposes: Purpose[];
  level: PartnerLevel;
  unitId: string | null;
  ratePerMinute: number;
}

export interface PartnerTermsInput {
  name: string;
  purposes: readonly Purpose[];
  scope: { level: PartnerLevel; unitId?: string | null };
  ratePerMinute: number;
}

export function checkTerms(input: PartnerTermsInput): PartnerTerms {
  const name = input.name.trim();
  if (!name || name.length > MAX_NAME_LENGTH) throw new BadUserInputError("name", `1 to ${MAX_NAME_LENGTH} characters`);

  const { level } = input.scope;
  const unitArg = input.scope.unitId ?? null;
  if (level === "MINISTRY" && unitArg !== null)
    throw new BadUserInputError("scope.unitId", "a MINISTRY scope is the whole country: no unit");
  if (level !== "MINISTRY" && unitArg === null)
    throw new BadUserInputError("scope.unitId", `a ${level} scope names its ${level.toLowerCase()}`);
  const unitId = unitArg === null ? null : parseId(unitArg, "scope.unitId");

  const allowed = PARTNER_LEVEL_PURPOSES[level];
  const purposes = [...new Set(input.purposes)];
  if (purposes.length === 0) throw new BadUserInputError("purposes", "at least one purpose");
  const refused = purposes.filter((p) => !allowed.includes(p));
  if (refused.length > 0) {
    throw new BadUserInputError("purposes", `a ${level} partner may be given ${allowed.join(" or ")}, not ${refused.join(", ")}`);
  }

  const rate = input.ratePerMinute;
  if (!Number.isInteger(rate) || rate < 1 || rate > MAX_RATE_PER_MINUTE) {
    throw new BadUserInputError("ratePerMinute", `a whole number from 1 to ${MAX_RATE_PER_MINUTE}`);
  }
  return { name, purposes, level, unitId, ratePerMinute: rate };
}
