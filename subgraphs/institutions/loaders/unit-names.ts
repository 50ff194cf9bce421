/** Names of report units (regions, districts, schools, classes) in the caller's script, one statement per kind. */
import type { EntityManager } from "@mikro-orm/core";
import DataLoader from "dataloader";
import { REPORT_LEVELS, type ReportLevel } from "../../../shared/auth/report-scope.js";
import type { Locale } from "../../../shared/i18n/locale.js";
import { localName } from "../../../shared/i18n/names.js";
import { District, Region, School, SchoolClass } from "../entities/index.js";

export interface UnitKey {
  kind: string;
  id: string;
}

const isLevel = (kind: string): kind is ReportLevel => (REPORT_LEVELS as readonly string[]).includes(kind);

async function namesOf(em: EntityManager, kind: ReportLevel, ids: string[], locale: Locale): Promise<Map<string, string>> {
  switch (kind) {
    case "REGION": {
      const rows = await em.find(Region, { id: { $in: ids } });
      return new Map(rows.map((r) => [r.id, localName({ latn: r.nameLatn, cyrl: r.nameCyrl, ru: r.nameRu }, locale)]));
    }
    case "DISTRICT": {
      const rows = await em.find(District, { id: { $in: ids } });
      return new Map(rows.map((d) => [d.id, localName({ latn: d.nameLatn, cyrl: d.nameCyrl, ru: d.nameRu }, locale)]));
    }
    case "SCHOOL": {
      const rows = await em.find(School, { id: { $in: ids } });
      return new Map(rows.map((s) => [s.id, localName({ latn: s.nameLatn, cyrl: s.nameCyrl }, locale)]));
    }
    case "CLASS": {
      // "5-A" alone repeats in every school of a district: the school goes along.
      const classes = await em.find(SchoolClass, { id: { $in: ids } });
      const schools = await namesOf(em, "SCHOOL", [...new Set(classes.map((c) => c.schoolId))], locale);
      return new Map(classes.map((c) => [c.id, `${c.name} (${schools.get(c.schoolId) ?? "?"})`]));
    }
  }
}

/** Null for a unit that is not a place (a teacher) or that institutions does not hold. */
export function unitNameLoader(em: EntityManager, locale: Locale): DataLoader<UnitKey, string | null, string> {
  return new DataLoader<UnitKey, string | null, string>(
    async (keys) => {
      const names = new Map<string, string>();
      const kinds = [...new Set(keys.map((k) => k.kind))].filter(isLevel);
      for (const kind of kinds) {
        const found = await namesOf(em, kind, [...new Set(keys.filter((k) => k.kind === kind).map((k) => k.id))], locale);
        for (const [id, name] of found) names.set(`${kind}:${id}`, name);
      }
      return keys.map((k) => names.get(`${k.kind}:${k.id}`) ?? null);
    },
    { cacheKeyFn: (k) => `${k.kind}:${k.id}` },
  );
}
