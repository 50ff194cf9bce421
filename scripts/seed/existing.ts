/**
 * What a database already holds that a new world must reuse or avoid: the shared reference rows
 * (regions, districts, subjects), school names, logins and PINFLs. Lets the large world be added
 * next to the demo world, or one large world next to another.
 */
import type { SubgraphName } from "../../shared/config.js";
import type { MikroORM } from "@mikro-orm/core";
import { District, Region, School, Subject } from "../../subgraphs/institutions/entities/index.js";
import { AcademicTerm } from "../../subgraphs/journal/entities/index.js";

export interface ExistingRows {
  regionIdBySoato: Map<string, string>;
  /** Keyed by `${regionId}|${nameLatn}`. */
  districtIdByName: Map<string, string>;
  subjectIdByName: Map<string, string>;
  schoolIds: Set<string>;
  schoolNames: Set<string>;
  logins: Set<string>;
  pinfls: Set<string>;
  /** School years the journal's calendar already holds (none when not given). */
  calendarYears?: Set<number>;
}

export const districtKey = (regionId: string, nameLatn: string): string => `${regionId}|${nameLatn}`;

export async function loadExisting(targets: Record<SubgraphName, MikroORM>): Promise<ExistingRows> {
  const em = targets.institutions.em.fork();
  const [regions, districts, subjects, schools] = await Promise.all([
    em.find(Region, {}),
    em.find(District, {}),
    em.find(Subject, {}),
    em.find(School, {}, { fields: ["id", "nameLatn"] }),
  ]);
  // Plain rows: a large database may hold many accounts, and only two columns are needed.
  const people: Array<{ login: string; pinfl: string | null }> = await targets.users.em
    .fork()
    .getConnection()
    .execute("select login, pinfl from users");
  const terms = await targets.journal.em.fork().find(AcademicTerm, {}, { fields: ["year"] });
  return {
    regionIdBySoato: new Map(regions.map((r) => [r.soato, r.id])),
    districtIdByName: new Map(districts.map((d) => [districtKey(d.regionId, d.nameLatn), d.id])),
    subjectIdByName: new Map(subjects.map((s) => [s.nameLatn, s.id])),
    schoolIds: new Set(schools.map((s) => s.id)),
    schoolNames: new Set(schools.map((s) => s.nameLatn)),
    logins: new Set(people.map((p) => p.login)),
    pinfls: new Set(people.flatMap((p) => (p.pinfl ? [p.pinfl] : []))),
    calendarYears: new Set(terms.map((t) => t.year)),
  };
}
