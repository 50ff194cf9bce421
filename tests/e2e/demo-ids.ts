/**
 * Ids and stored facts of the demo world, read straight from the subgraphs' databases of one test
 * system (data, never the policy): who the 13 demo accounts are, which of their personal fields the
 * seed filled, and the ids of the classes, subjects and schools the e2e tests name.
 */
import { Subject, School, SchoolClass } from "../../subgraphs/institutions/entities/index.js";
import { User } from "../../subgraphs/users/entities/index.js";
import type { TestSystem } from "../support/system.js";

import { DEMO_LOGINS, type DemoLogin } from "../../scripts/seed/demo-logins.js";

export { DEMO_LOGINS, type DemoLogin };

/** The personal fields of User the matrix test reads, with their one-letter names (N B P E I). */
export const PERSONAL_FIELDS = ["fullName", "birthDate", "phone", "email", "pinfl"] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];
export const FIELD_LETTER: Record<PersonalField, string> = { fullName: "N", birthDate: "B", phone: "P", email: "E", pinfl: "I" };

export interface DemoPerson {
  id: string;
  login: DemoLogin;
  /** Stored values of the personal fields (null where the seed left the field empty). */
  values: Record<PersonalField, string | null>;
}

export interface DemoIds {
  people: Record<DemoLogin, DemoPerson>;
  /** Class id by name ("5-A", "5-B", "11-V", "7-A"). */
  classes: Record<string, string>;
  /** Subject id by Latin name ("Matematika", "Ona tili", …). */
  subjects: Record<string, string>;
  /** School id by Latin name. */
  schools: Record<string, string>;
}

export async function demoIds(system: TestSystem): Promise<DemoIds> {
  const users = await system.orms.users.em.fork().find(User, { login: { $in: [...DEMO_LOGINS] } });
  const people = {} as Record<DemoLogin, DemoPerson>;
  for (const user of users) {
    const login = user.login as DemoLogin;
    people[login] = {
      id: user.id,
      login,
      values: Object.fromEntries(PERSONAL_FIELDS.map((f) => [f, user[f] ?? null])) as Record<PersonalField, string | null>,
    };
  }
  const missing = DEMO_LOGINS.filter((login) => !people[login]);
  if (missing.length) throw new Error(`demo accounts missing from the seed: ${missing.join(", ")}`);

  const em = system.orms.institutions.em.fork();
  const classes = Object.fromEntries((await em.find(SchoolClass, {})).map((c) => [c.name, c.id]));
  const subjects = Object.fromEntries((await em.find(Subject, {})).map((s) => [s.nameLatn, s.id]));
  const schools = Object.fromEntries((await em.find(School, {})).map((s) => [s.nameLatn, s.id]));
  return { people, classes, subjects, schools };
}
