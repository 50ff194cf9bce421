/**
 * Journal events become notices for every guardian who consented, each in the guardian's language.
 * Idempotent twice over: `consume` records the event as processed in the same transaction, and a
 * notice is unique per (event, recipient).
 */
import { randomUUID } from "node:crypto";
import type { EntityManager, MikroORM } from "@mikro-orm/core";
import type { NoticeChannel } from "../../../shared/config.js";
import type { EventBus, EventEnvelope } from "../../../shared/events/bus.js";
import { consume } from "../../../shared/events/outbox.js";
import { planDeliveries } from "../delivery/plan.js";
import { GuardianLink, Notification, type NotificationKind } from "../entities/index.js";
import { chosenLocales } from "../preferences/read.js";
import { ATTENDANCE_BLOCKS, GRADE_BLOCKS, isBlocked } from "./blocked.js";
import { ABSENCE_STATUSES, asLocale, attendanceText, gradeText, type AbsenceStatus, type NoticeText } from "./templates.js";

/** Topics of the journal's outbox (its published contract; we keep our own copy, not its code). */
export const JOURNAL_GRADE_RECORDED = "journal.grade.recorded";
export const JOURNAL_ATTENDANCE_RECORDED = "journal.attendance.recorded";
/** Term marks (QUARTER, ANNUAL): shaped like a grade event, so the same handler turns them into TERM_MARK notices. */
export const JOURNAL_TERM_MARK_SET = "journal.term-mark.set";

const CONSUMER = "notifications";
/**
 * The journal publishes sensitive statuses as the general one; should an older event still carry one,
 * it is announced the same way, never by name.
 */
const GENERALISED: ReadonlyMap<string, AbsenceStatus> = new Map([["ILLNESS", "ABSENT_EXCUSED"]]);
const isAbsence = (status: string): status is AbsenceStatus => (ABSENCE_STATUSES as readonly string[]).includes(status);
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

const text = (payload: Record<string, unknown>, key: string): string | undefined =>
  typeof payload[key] === "string" ? (payload[key] as string) : undefined;

/**
 * Writes one notice per consenting guardian of the student, in the language the guardian chose for notices
 * (else the profile's), and plans its deliveries through the guardian's channels in the same transaction.
 */
async function notifyGuardians(
  em: EntityManager,
  channels: readonly NoticeChannel[],
  event: EventEnvelope,
  studentId: string,
  kind: NotificationKind,
  compose: (locale: ReturnType<typeof asLocale>) => NoticeText,
): Promise<void> {
  const links = await em.find(GuardianLink, { studentId, notify: true });
  if (links.length === 0) return;
  const already = new Set(
    (await em.find(Notification, { sourceEventId: event.id, recipientId: { $in: links.map((l) => l.guardianId) } })).map(
      (n) => n.recipientId,
    ),
  );
  const fresh = links.filter((l) => !already.has(l.guardianId));
  if (fresh.length === 0) return;
  const guardians = fresh.map((l) => l.guardianId);
  const locales = await chosenLocales(em, guardians);
  const notices = fresh.map((link) => {
    const { title, body } = compose(asLocale(locales.get(link.guardianId) ?? link.locale));
    const notice = em.create(Notification, {
      id: randomUUID(),
      recipientId: link.guardianId,
      studentId,
      kind,
      title,
      body,
      sourceEventId: event.id,
    });
    em.persist(notice);
    return notice;
  });
  await planDeliveries(em, notices, channels);
}

async function onGradeRecorded(em: EntityManager, channels: readonly NoticeChannel[], event: EventEnvelope): Promise<void> {
  const studentId = text(event.payload, "studentId");
  const date = text(event.payload, "date");
  const kind = text(event.payload, "kind");
  const value = event.payload.value;
  if (!studentId || !date || !DATE_RE.test(date) || typeof value !== "number") return;
  if (await isBlocked(em, studentId, GRADE_BLOCKS)) return;
  const termMark = kind === "QUARTER" || kind === "ANNUAL";
  await notifyGuardians(em, channels, event, studentId, termMark ? "TERM_MARK" : "GRADE", (locale) =>
    gradeText(locale, termMark, value, date),
  );
}

async function onAttendanceRecorded(em: EntityManager, channels: readonly NoticeChannel[], event: EventEnvelope): Promise<void> {
  const studentId = text(event.payload, "studentId");
  const date = text(event.payload, "date");
  const published = text(event.payload, "status");
  const status = published && (GENERALISED.get(published) ?? published);
  if (!studentId || !date || !DATE_RE.test(date) || !status || !isAbsence(status)) return;
  if (await isBlocked(em, studentId, ATTENDANCE_BLOCKS)) return;
  const kind: NotificationKind = status === "LATE" ? "LATE" : "ABSENCE";
  await notifyGuardians(em, channels, event, studentId, kind, (locale) => attendanceText(locale, status, date));
}

/**
 * Subscribes the notifications subgraph to the journal's events; called once per process. `channels`: the
 * external channels switched on here, which notices are planned for (none: in-app only).
 */
export function registerJournalConsumers(orm: MikroORM, bus: EventBus, channels: readonly NoticeChannel[] = []): void {
  consume(orm, bus, JOURNAL_GRADE_RECORDED, CONSUMER, (em, event) => onGradeRecorded(em, channels, event));
  consume(orm, bus, JOURNAL_TERM_MARK_SET, CONSUMER, (em, event) => onGradeRecorded(em, channels, event));
  consume(orm, bus, JOURNAL_ATTENDANCE_RECORDED, CONSUMER, (em, event) => onAttendanceRecorded(em, channels, event));
}
