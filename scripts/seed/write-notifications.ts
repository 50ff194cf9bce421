/**
 * The notifications subgraph's replicas: guardianships (who to tell about a student and in which language,
 * the parent's locale, and whether the parent consented to notices: the seeded PARENT_NOTIFICATIONS consent,
 * as its event would have set it; the link reuses the guardianship's id) and every person's contacts (phone,
 * e-mail, locale), the channels notices go out through.
 */
import { Contact, GuardianLink } from "../../subgraphs/notifications/entities/index.js";
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
  await out.insert(
    Contact,
    world.users.map((u) => ({ recipientId: u.id, phone: u.phone, email: u.email, locale: u.locale })),
  );
}
