/** A school subject's name in a guardian's language, from the replica of the subject catalogue. */
import type { EntityManager } from "@mikro-orm/core";
import type { Locale } from "../../../shared/i18n/locale.js";
import { localName } from "../../../shared/i18n/names.js";
import { SubjectName } from "../entities/index.js";

/** Names of one subject by locale; "" in every language when the replica does not know it (the text then names none). */
export async function subjectNamer(em: EntityManager, subjectId: string | undefined): Promise<(locale: Locale) => string> {
  const row = subjectId ? await em.findOne(SubjectName, { subjectId }) : null;
  return (locale) => (row ? localName({ latn: row.latn, ru: row.ru }, locale) : "");
}
