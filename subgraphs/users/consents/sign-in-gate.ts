/**
 * Consents at the door. Withdrawing the user agreement or the privacy policy stops the processing of the
 * account: sign-in and refresh are refused (FORBIDDEN, naming the consent) until it is given again. An
 * adult gives it again as they sign in (`signIn(..., consents: [USER_AGREEMENT])`), after the password is
 * checked; a minor's account waits for their parent or legal representative (`giveConsent`).
 * An account with no consent on record at all is not refused: only a withdrawal stops processing.
 */
import { ForbiddenError } from "../../../shared/errors.js";
import type { UsersContext } from "../context.js";
import type { ConsentKind, User } from "../entities/index.js";
import { recordGiving, withdrawnAccountConsents } from "./record.js";
import { checkKindFor, isMinor, selfRelation } from "./rules.js";

/** Records the consents a person gives as they sign in (to the version in force); refused for a minor. */
async function giveAtSignIn(ctx: UsersContext, user: User, offered: readonly ConsentKind[]): Promise<void> {
  const kinds = [...new Set(offered)];
  if (kinds.length === 0) return;
  const relation = selfRelation(user);
  kinds.forEach((kind) => checkKindFor(user, kind));
  let changed = false;
  for (const kind of kinds) {
    const recorded = await recordGiving(ctx.em, {
      subjectId: user.id,
      kind,
      version: ctx.services.config.policyVersion,
      actorId: user.id,
      relation,
    });
    changed ||= recorded.changed;
  }
  if (changed) ctx.services.relay.kick();
}

/** Throws FORBIDDEN (HTTP 403) naming each account consent that stays withdrawn. */
export async function assertAccountConsents(ctx: UsersContext, user: User, offered: readonly ConsentKind[] = []): Promise<void> {
  await giveAtSignIn(ctx, user, offered);
  const withdrawn = await withdrawnAccountConsents(ctx.em, user.id);
  if (withdrawn.length === 0) return;
  const names = withdrawn.join(" and ");
  const remedy = isMinor(user)
    ? "until the student's parent or legal representative gives it again"
    : `until it is given again (sign in with consents: [${withdrawn.join(", ")}])`;
  throw new ForbiddenError(`consent withdrawn: ${names}; the account is not processed ${remedy}`, 403);
}
