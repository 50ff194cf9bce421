/**
 * The notifications subgraph's replicas, as the users subgraph's events would have left them: guardianships
 * (who to tell about a student, in the parent's locale, and whether the parent consented to notices: the
 * seeded PARENT_NOTIFICATIONS consent; the link reuses the guardianship's id), one guardian row per parent
 * of a student (locale and consent, no preference chosen yet), students' names (Latin and Cyrillic, which
 * notices name the child by), the subject catalogue's names (which notices name the subject by) and every person's contacts (phone, e-mail, locale), the channels notices go out through.
 */
import { Contact, Guardian, GuardianLink, StudentName, SubjectName } from "../../subgraphs/notifications/entities/index.js";
import type { BulkWriter } from "./bulk.js";
import { consentRowsOf, noticeConsentsOf } from "./consents.js";
import type { World } from "./world.js";

export async function writeNotifications(out: BulkWriter, world: World): Promise<void> {
  const locales = new Map(world.users.map((u) => [u.id, u.locale]));
  const consented = noticeConsentsOf(consentRowsOf(world));
  await out.insert(
    GuardianLink,
    world.guardianships.map((g) => ({
      id: g.id,
      studentId: g.studentId,
      guardianId: g.parentId,
      locale: locales.get(g.parentId) ?? "UZ_LATN",
      notify: consented.has(g.parentId),
      consentChangedAt: consented.get(g.parentId) ?? null,
    })),
  );
  const guardianIds = [...new Set(world.guardianships.map((g) => g.parentId))];
  await out.insert(
    Guardian,
    guardianIds.map((id) => ({
      id,
      locale: locales.get(id) ?? "UZ_LATN",
      language: null,
      digest: false,
      notify: consented.has(id),
      consentChangedAt: consented.get(id) ?? null,
      profileChangedAt: null,
    })),
  );
  await out.insert(
    StudentName,
    world.users
      .filter((u) => u.role === "STUDENT")
      .map((u) => ({ studentId: u.id, latn: u.fullName, cyrl: u.fullNameCyrl, changedAt: null })),
  );
  // The catalogue is shared by every world in a database: only the subjects this one added.
  await out.insert(
    SubjectName,
    world.subjects.filter((s) => !world.existing.has(s.id)).map((s) => ({ subjectId: s.id, latn: s.nameLatn, ru: s.nameRu })),
  );
  await out.insert(
    Contact,
    world.users.map((u) => ({ recipientId: u.id, phone: u.phone, email: u.email, locale: u.locale })),
  );
}
