/**
 * Journal events become notices for every guardian who consented, each in the guardian's language and
 * naming the child in the guardian's script (notices/write.ts). Idempotent twice over: `consume` records
 * the event as processed in the same transaction, and a notice is unique per (event, recipient).
 *
 * Which notices are urgent (pushed at once, even in quiet hours; never folded into a digest): only an
 * unexcused absence, a child expected at school and not there, which the parent may not know of. Marks,
 * excused absences (the parent excused them), lateness, homework and messages can wait until morning.
 */
import type { EntityManager, MikroORM } from "@mikro-orm/core";
import type { EventBus, EventEnvelope } from "../../../shared/events/bus.js";
import { consume } from "../../../shared/events/outbox.js";
import type { NotificationKind } from "../entities/index.js";
import { notifyGuardians } from "../notices/write.js";
import type { NoticePipeline } from "../notices/pipeline.js";
import { ABSENCE_STATUSES, attendanceText, type AbsenceStatus } from "../templates/attendance.js";
import { subjectNamer } from "../notices/subject-names.js";
import {
  gradeText,
  LESSON_MARK_KINDS,
  TERM_KINDS,
  termMarkText,
  type LessonMarkKind,
  type MarkChange,
  type TermKind,
} from "../templates/grade.js";
import { homeworkText } from "../templates/homework.js";
import { MESSAGE_TOPICS, messageText, type MessageTopic } from "../templates/message.js";
import { ATTENDANCE_BLOCKS, GRADE_BLOCKS, isBlocked } from "./blocked.js";

/** Topics of the journal's outbox (its published contract; we keep our own copy, not its code). */
export const JOURNAL_GRADE_RECORDED = "journal.grade.recorded";
export const JOURNAL_ATTENDANCE_RECORDED = "journal.attendance.recorded";
export const JOURNAL_HOMEWORK_SET = "journal.homework.set";
export const JOURNAL_TERM_MARK_SET = "journal.term-mark.set";
export const JOURNAL_MESSAGE_SENT = "journal.message.sent";
export const JOURNAL_GRADE_REMOVED = "journal.grade.removed";

const CONSUMER = "notifications";
/**
 * The journal publishes sensitive statuses as the general one; should an older event still carry one,
 * it is announced the same way, never by name.
 */
const GENERALISED: ReadonlyMap<string, AbsenceStatus> = new Map([["ILLNESS", "ABSENT_EXCUSED"]]);
const isAbsence = (status: string): status is AbsenceStatus => (ABSENCE_STATUSES as readonly string[]).includes(status);
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** More students than any class has: a payload listing more is not one we understand. */
const MAX_CLASS = 100;

const text = (payload: Record<string, unknown>, key: string): string | undefined =>
  typeof payload[key] === "string" ? (payload[key] as string) : undefined;
const date = (payload: Record<string, unknown>, key: string): string | undefined => {
  const value = text(payload, key);
  return value && DATE_RE.test(value) ? value : undefined;
};
const mark = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 5 ? value : undefined;

type Handler = (em: EntityManager, event: EventEnvelope, pipeline: NoticePipeline) => Promise<void>;

/**
 * One notice per change of a lesson mark: a new mark, a correction from one value to another (one notice
 * saying both values, not a second "new mark"), or a removal. The journal publishes no comment-only edit.
 */
async function notifyMarkChange(em: EntityManager, event: EventEnvelope, pipeline: NoticePipeline, change: MarkChange): Promise<void> {
  const studentId = text(event.payload, "studentId");
  const day = date(event.payload, "date");
  const kind = event.payload.kind as LessonMarkKind;
  if (!studentId || !day || !(LESSON_MARK_KINDS as readonly unknown[]).includes(kind)) return;
  if (await isBlocked(em, studentId, GRADE_BLOCKS)) return;
  const subject = await subjectNamer(em, text(event.payload, "subjectId"));
  await notifyGuardians(em, pipeline, event, [studentId], {
    // Term marks belong on journal.term-mark.set; one announced by a lesson's day is still a term mark.
    kind: (TERM_KINDS as readonly unknown[]).includes(kind) ? "TERM_MARK" : "GRADE",
    urgent: false,
    compose: (locale, names) => gradeText(locale, { subject: subject(locale), kind, date: day }, change, names),
  });
}

const onGradeRecorded: Handler = async (em, event, pipeline) => {
  const value = mark(event.payload.value);
  const previous = mark(event.payload.previousValue);
  if (value === undefined || previous === value) return;
  const change: MarkChange = previous === undefined ? { what: "GIVEN", value } : { what: "CORRECTED", from: previous, to: value };
  await notifyMarkChange(em, event, pipeline, change);
};

const onGradeRemoved: Handler = async (em, event, pipeline) => {
  const value = mark(event.payload.value);
  if (value === undefined) return;
  await notifyMarkChange(em, event, pipeline, { what: "REMOVED", value });
};

const onAttendanceRecorded: Handler = async (em, event, pipeline) => {
  const studentId = text(event.payload, "studentId");
  const day = date(event.payload, "date");
  const published = text(event.payload, "status");
  const status = published && (GENERALISED.get(published) ?? published);
  if (!studentId || !day || !status || !isAbsence(status)) return;
  if (await isBlocked(em, studentId, ATTENDANCE_BLOCKS)) return;
  const kind: NotificationKind = status === "LATE" ? "LATE" : "ABSENCE";
  await notifyGuardians(em, pipeline, event, [studentId], {
    kind,
    urgent: status === "ABSENT_UNEXCUSED",
    compose: (locale, names) => attendanceText(locale, status, day, names),
  });
};

/** Homework is the class's, not one student's data: every guardian of the students the journal lists is told. */
const onHomeworkSet: Handler = async (em, event, pipeline) => {
  const dueOn = date(event.payload, "dueOn");
  const ids = event.payload.studentIds;
  if (!dueOn || !Array.isArray(ids) || ids.length > MAX_CLASS || !ids.every((id) => typeof id === "string")) return;
  const subject = await subjectNamer(em, text(event.payload, "subjectId"));
  await notifyGuardians(em, pipeline, event, [...new Set(ids as string[])], {
    kind: "HOMEWORK",
    urgent: false,
    compose: (locale, names) => homeworkText(locale, dueOn, names, subject(locale)),
  });
};

/** The journal's name for a term (`termKind`: a quarter, or a half-year in grades 10-11; YEAR for the annual mark). */
const TERM_OF: Readonly<Record<string, TermKind>> = { QUARTER: "QUARTER", HALF_YEAR: "HALF_YEAR", YEAR: "ANNUAL", ANNUAL: "ANNUAL" };

const onTermMarkSet: Handler = async (em, event, pipeline) => {
  const studentId = text(event.payload, "studentId");
  const value = mark(event.payload.value);
  // termKind tells a half-year from a quarter (both are kind QUARTER); without it, the kind says enough.
  const kind = TERM_OF[String(event.payload.termKind ?? event.payload.kind)];
  if (!studentId || value === undefined || !kind) return;
  if (await isBlocked(em, studentId, GRADE_BLOCKS)) return;
  // A number (2) or a label ending in one ("Q2", "2026-H1"); the year has none.
  const raw = event.payload.term;
  const digits = typeof raw === "number" ? String(raw) : typeof raw === "string" ? /(\d)$/.exec(raw)?.[1] : undefined;
  const number = kind === "ANNUAL" || !digits ? null : Number(digits);
  const subject = await subjectNamer(em, text(event.payload, "subjectId"));
  await notifyGuardians(em, pipeline, event, [studentId], {
    kind: "TERM_MARK",
    urgent: false,
    compose: (locale, names) => termMarkText(locale, { kind, number }, value, names, subject(locale)),
  });
};

const onMessageSent: Handler = async (em, event, pipeline) => {
  const studentId = text(event.payload, "studentId");
  const words = text(event.payload, "text")?.trim();
  if (!studentId || !words) return;
  const topic: MessageTopic = (MESSAGE_TOPICS as readonly unknown[]).includes(event.payload.topic)
    ? (event.payload.topic as MessageTopic)
    : "OTHER";
  await notifyGuardians(em, pipeline, event, [studentId], {
    kind: "MESSAGE",
    urgent: false,
    compose: (locale, names) => messageText(locale, topic, words, names),
  });
};

const HANDLERS: ReadonlyArray<[string, Handler]> = [
  [JOURNAL_GRADE_RECORDED, onGradeRecorded],
  [JOURNAL_GRADE_REMOVED, onGradeRemoved],
  [JOURNAL_ATTENDANCE_RECORDED, onAttendanceRecorded],
  [JOURNAL_HOMEWORK_SET, onHomeworkSet],
  [JOURNAL_TERM_MARK_SET, onTermMarkSet],
  [JOURNAL_MESSAGE_SENT, onMessageSent],
];

/** Subscribes the notifications subgraph to the journal's events; called once per process. */
export function registerJournalConsumers(orm: MikroORM, bus: EventBus, pipeline: NoticePipeline): void {
  for (const [topic, handle] of HANDLERS) consume(orm, bus, topic, CONSUMER, (em, event) => handle(em, event, pipeline));
}
