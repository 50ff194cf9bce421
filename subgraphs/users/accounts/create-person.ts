/**
 * Accounts created by the people responsible for them (DESIGN.md §7): a school's administration creates its
 * students, parents and staff; an official creates colleagues of their own level and the first
 * administrators of the schools they open. One person, one account: a PINFL already on file answers the
 * existing account (matched, no new code) when the role agrees, and is refused when it does not.
 */
import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import type { Caller } from "../../../shared/auth/claims.js";
import { OFFICIAL_ROLES, type Role } from "../../../shared/auth/roles.js";
import type { AuthedContext } from "../../../shared/context.js";
import { BadUserInputError, ForbiddenError } from "../../../shared/errors.js";
import { enqueue } from "../../../shared/events/outbox.js";
import type { UsersContext } from "../context.js";
import { User } from "../entities/index.js";
import { PROFILE_CHANGED, profileChanged } from "../events/profile-changed.js";
import { uniqueLogin, loginBase } from "./logins.js";
import { issueActivationCode } from "./one-time-codes.js";
import { checkPerson, type CheckedPerson, type PersonFields } from "./person-input.js";

export interface PersonCreation {
  user: User;
  created: boolean;
  /** Only when created: the login and the one-time activation code, shown this once. */
  login: string | null;
  activationCode: string | null;
}

/** The roles a caller may create accounts for. */
export function creatableRoles(caller: Caller): readonly Role[] {
  if (caller.role === "SCHOOL_ADMIN" && caller.org.schoolId) return ["STUDENT", "PARENT", "TEACHER", "SCHOOL_ADMIN"];
  if (OFFICIAL_ROLES.includes(caller.role)) return [caller.role, "SCHOOL_ADMIN"];
  return [];
}

export function assertMayCreate(caller: Caller, role: Role): void {
  const allowed = creatableRoles(caller);
  if (allowed.length === 0) throw new ForbiddenError("Only a school's administration or an official may create accounts");
  if (!allowed.includes(role)) throw new ForbiddenError(`You may not create an account with the role ${role}`);
}

/** Throws the first problem as BAD_USER_INPUT, under `prefix.field`. */
export function checkedOrThrow(input: PersonFields, prefix: string): CheckedPerson {
  const { person, problems } = checkPerson(input);
  if (!person) throw new BadUserInputError(`${prefix}.${problems[0]!.field}`, problems[0]!.reason);
  return person;
}

/**
 * Writes one new account inside the caller's transaction (with its `users.profile.changed` event) and
 * returns its login and activation code; `reserved` keeps logins unique across one batch.
 */
export async function insertPerson(
  em: EntityManager,
  role: Role,
  person: CheckedPerson,
  reserved?: Set<string>,
): Promise<{ user: User; login: string; activationCode: string }> {
  const login = await uniqueLogin(em, loginBase(person.firstName, person.lastName), reserved);
  const user = em.create(User, {
    id: randomUUID(),
    login,
    role,
    fullName: person.fullName,
    fullNameCyrl: person.fullNameCyrl,
    birthDate: person.birthDate,
    gender: person.gender,
    pinfl: person.pinfl,
    phone: person.phone,
  });
  enqueue(em, PROFILE_CHANGED, { ...profileChanged(user) });
  return { user, login, activationCode: issueActivationCode(em, user.id) };
}

export async function createPerson(ctx: AuthedContext<UsersContext>, input: PersonFields & { role: Role }): Promise<PersonCreation> {
  assertMayCreate(ctx.caller, input.role);
  const person = checkedOrThrow(input, "input");
  if (person.pinfl) {
    const existing = await ctx.em.findOne(User, { pinfl: person.pinfl });
    if (existing) {
      if (existing.role !== input.role) throw new BadUserInputError("input.pinfl", "this PINFL belongs to an account with another role");
      ctx.privacy.noteFor(ctx.caller, existing.id, "User.pinfl");
      return { user: existing, created: false, login: null, activationCode: null };
    }
  }
  const made = await ctx.em.transactional((em) => insertPerson(em, input.role, person));
  ctx.privacy.noteFor(ctx.caller, made.user.id, "User");
  ctx.services.relay.kick();
  return { user: made.user, created: true, login: made.login, activationCode: made.activationCode };
}
