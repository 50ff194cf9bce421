/**
 * Writing notices for one event: one per consenting guardian (GuardianLink.notify, kept by the consent
 * events), in the guardian's language, naming their child in the guardian's script, scheduled by quiet
 * hours and the digest preference, announced to the "created" hooks in the same transaction. Idempotent:
 * a guardian who already has a notice of this event gets none (the unique (event, recipient) pair backs it).
 */
import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import type { EventEnvelope } from "../../../shared/events/bus.js";
import type { Locale } from "../../../shared/i18n/locale.js";
import { localName } from "../../../shared/i18n/names.js";
import { Guardian, GuardianLink, Notification, StudentName, type NotificationKind } from "../entities/index.js";
import { asLocale, type NoticeText } from "../templates/text.js";
import type { NoticePipeline } from "./pipeline.js";
import { scheduleNotice } from "./timing.js";

export interface NoticeDraft {
  kind: NotificationKind;
  /** Pushed at once, even in quiet hours, and never folded into a digest. */
  urgent: boolean;
  /** The text in `locale`; `names` are the guardian's children the event concerns, in their script ([] when unknown). */
  compose: (locale: Locale, names: readonly string[]) => NoticeText;
}

/** Students' names by id, from the replica. */
async function namesOf(em: EntityManager, studentIds: readonly string[]): Promise<Map<string, StudentName>> {
  const rows = await em.find(StudentName, { studentId: { $in: [...studentIds] } });
  return new Map(rows.map((r) => [r.studentId, r]));
}

/** Every name or none: a notice about twins that could name only one would read as if about one child. */
function renderNames(ids: readonly string[], names: Map<string, StudentName>, locale: Locale): string[] {
  const rows = ids.map((id) => names.get(id));
  if (rows.some((r) => !r)) return [];
  return rows.map((r) => localName({ latn: r!.latn, cyrl: r!.cyrl }, locale));
}

/**
 * Writes the notices of `event` about `studentIds` (one student, or a class for homework): one per
 * consenting guardian, naming every child of that guardian among them. Returns the notices written now.
 */
export async function notifyGuardians(
  em: EntityManager,
  pipeline: NoticePipeline,
  event: EventEnvelope,
  studentIds: readonly string[],
  draft: NoticeDraft,
): Promise<Notification[]> {
  if (studentIds.length === 0) return [];
  const links = await em.find(GuardianLink, { studentId: { $in: [...studentIds] }, notify: true });
  if (links.length === 0) return [];
  const order = new Map(studentIds.map((id, i) => [id, i]));
  const children = new Map<string, GuardianLink[]>();
  for (const link of links) children.set(link.guardianId, [...(children.get(link.guardianId) ?? []), link]);
  const guardianIds = [...children.keys()];

  const already = new Set(
    (await em.find(Notification, { sourceEventId: event.id, recipientId: { $in: guardianIds } }, { fields: ["recipientId"] })).map(
      (n) => n.recipientId,
    ),
  );
  const pending = guardianIds.filter((id) => !already.has(id));
  if (pending.length === 0) return [];
  const digest = new Set((await em.find(Guardian, { id: { $in: pending }, digest: true }, { fields: ["id"] })).map((g) => g.id));
  const names = await namesOf(em, [...new Set(links.map((l) => l.studentId))]);

  const now = pipeline.now();
  const created: Notification[] = [];
  for (const guardianId of pending) {
    const own = children.get(guardianId)!.sort((a, b) => order.get(a.studentId)! - order.get(b.studentId)!);
    // Every link of one guardian carries the same locale (the read-model copies it onto each).
    const locale = asLocale(own[0]!.locale);
    const { title, body } = draft.compose(
      locale,
      renderNames(
        own.map((l) => l.studentId),
        names,
        locale,
      ),
    );
    const notice = em.create(Notification, {
      id: randomUUID(),
      recipientId: guardianId,
      studentId: own[0]!.studentId,
      kind: draft.kind,
      title,
      body,
      sourceEventId: event.id,
      createdAt: now,
      ...scheduleNotice(now, draft.urgent, digest.has(guardianId), pipeline.timing),
    });
    em.persist(notice);
    created.push(notice);
  }
  await pipeline.hooks.noticesCreated(em, created);
  return created;
}

export interface DirectNotice {
  recipientId: string;
  studentId: string | null;
  kind: NotificationKind;
  text: NoticeText;
}

/**
 * Notices to named recipients rather than to a student's guardians (DATA_CORRECTION): the same schedule
 * (quiet hours; never urgent, never in a digest: they may reach anyone, not only guardians) and hooks.
 */
export async function notifyRecipients(
  em: EntityManager,
  pipeline: NoticePipeline,
  event: EventEnvelope,
  notices: readonly DirectNotice[],
): Promise<Notification[]> {
  if (notices.length === 0) return [];
  const ids = notices.map((n) => n.recipientId);
  const already = new Set(
    (await em.find(Notification, { sourceEventId: event.id, recipientId: { $in: ids } }, { fields: ["recipientId"] })).map(
      (n) => n.recipientId,
    ),
  );
  const now = pipeline.now();
  const created: Notification[] = [];
  for (const { recipientId, studentId, kind, text } of notices) {
    if (already.has(recipientId)) continue;
    const notice = em.create(Notification, {
      id: randomUUID(),
      recipientId,
      studentId,
      kind,
      title: text.title,
      body: text.body,
      sourceEventId: event.id,
      createdAt: now,
      ...scheduleNotice(now, false, false, pipeline.timing),
    });
    em.persist(notice);
    created.push(notice);
  }
  await pipeline.hooks.noticesCreated(em, created);
  return created;
}
