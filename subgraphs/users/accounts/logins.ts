/** Logins made from the name: "firstname.lastname" in plain Latin letters, numbered when taken. */
import type { EntityManager } from "@mikro-orm/core";
import { User } from "../entities/index.js";

const MAX_BASE = 48;

/** "Oʻgʻiloy" → "ogiloy", "Sh" stays "sh": apostrophes and anything outside a–z go. */
export const loginPart = (name: string): string =>
  name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z]/g, "");

export const loginBase = (firstName: string, lastName: string): string =>
  `${loginPart(firstName) || "user"}.${loginPart(lastName) || "user"}`.slice(0, MAX_BASE);

/**
 * A login not yet taken: the base, else base2, base3, …, chosen in one query. `reserved` holds logins
 * handed out earlier in the same transaction (a roster import creates many at once).
 */
export async function uniqueLogin(em: EntityManager, base: string, reserved: Set<string> = new Set()): Promise<string> {
  const taken = new Set(
    (await em.find(User, { $or: [{ login: base }, { login: { $like: `${base}%` } }] }, { fields: ["login"] })).map((u) => u.login),
  );
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}${n}`;
    if (!taken.has(candidate) && !reserved.has(candidate)) {
      reserved.add(candidate);
      return candidate;
    }
  }
}
