/**
 * One class's journal for the lesson days: its timetable for each term the days touch, the lessons that
 * timetable makes (by the journal's own planner, as `generateLessons` would: topic, sometimes homework
 * with its due date), and on past lessons (date before today) an attendance mark for every student on
 * the roster and current marks for a few of them, recorded by the lesson's teacher on the lesson day.
 */
import type { AttendanceStatus } from "../../subgraphs/journal/entities/attendance-mark.entity.js";
import { overlaps, termKindFor, type DaySpan } from "../../subgraphs/journal/calendar/school-days.js";
import { plannedLessonsOn, slotsByDay, type TermSpan, type TimetableSlot } from "../../subgraphs/journal/lessons/plan.js";
import { addDays, LESSON_MINUTES, PERIOD_STARTS, tashkentInstant } from "./calendar.js";
import { homeworkText, SUBJECT_BY_KEY, type SubjectDef } from "./curriculum.js";
import type { Random } from "./random.js";
import type { ClassRow, World } from "./world.js";

export interface LessonRow {
  id: string;
  classId: string;
  subjectId: string;
  teacherId: string | null;
  date: string;
  period: number;
  topic: string;
  homework: string | null;
  homeworkDueOn: string | null;
  room: string | null;
  plannedDate: string;
  plannedPeriod: number;
}

export interface TimetableEntryRow extends TimetableSlot {
  id: string;
  classId: string;
  room: string | null;
}

export interface GradeRow {
  id: string;
  studentId: string;
  classId: string;
  subjectId: string;
  lessonId: string;
  kind: "CURRENT";
  value: number;
  date: string;
  comment: string | null;
  recordedById: string | null;
  recordedAt: Date;
}

export interface AttendanceRow {
  id: string;
  lessonId: string;
  studentId: string;
  classId: string;
  subjectId: string;
  date: string;
  status: AttendanceStatus;
  reason: string | null;
  recordedById: string | null;
  recordedAt: Date;
}

export interface ClassJournal {
  timetable: TimetableEntryRow[];
  lessons: LessonRow[];
  grades: GradeRow[];
  attendance: AttendanceRow[];
}

/** What every class's journal is drawn against; built once per world. */
export interface JournalContext {
  days: readonly string[];
  today: string;
  /** Terms and breaks of the seeded calendar; `lessonTerms` those that touch the lesson days. */
  terms: readonly TermSpan[];
  breaks: readonly DaySpan[];
  lessonTerms: readonly TermSpan[];
  teacherOf: Map<string, string>;
  rosterOf: Map<string, string[]>;
  subjectOf: Map<string, SubjectDef>;
}

export function journalContext(world: World, days: readonly string[]): JournalContext {
  const rosterOf = new Map<string, string[]>();
  for (const e of world.enrolments) {
    const list = rosterOf.get(e.classId) ?? [];
    list.push(e.studentId);
    rosterOf.set(e.classId, list);
  }
  const span = { startsOn: days[0] ?? world.today, endsOn: days[days.length - 1] ?? world.today };
  return {
    days,
    today: world.today,
    terms: world.year.rows.terms,
    breaks: world.year.rows.breaks,
    lessonTerms: world.year.rows.terms.filter((t) => overlaps(t, span)),
    teacherOf: new Map(world.assignments.map((a) => [`${a.classId}:${a.subjectId}`, a.teacherId])),
    rosterOf,
    subjectOf: new Map(world.subjects.map((s) => [s.id, SUBJECT_BY_KEY.get(s.key)!])),
  };
}

const EXCUSE_REASONS = [
  "Oilaviy sabab (ota-onasining arizasi)",
  "Sport musobaqasida ishtirok",
  "Shifokor ko‘rigida",
  "Fan olimpiadasida ishtirok",
];
const LOW_MARK_COMMENTS = ["Uy vazifasi bajarilmagan", "Mavzuni o‘zlashtirmagan"];
const HIGH_MARK_COMMENTS = ["Faol ishtirok uchun", "A’lo javob"];

interface DayAbsence {
  status: AttendanceStatus;
  reason: string | null;
}

/** What a featured student (demo-student) shows, counted back from the last past school day. */
const FEATURED_DAYS: ReadonlyArray<{ back: number; status: AttendanceStatus; period?: "first" | "last" | 2; reason?: string }> = [
  { back: 1, status: "LATE", period: "first" },
  { back: 2, status: "ILLNESS", reason: "Kasallik varaqasi" },
  { back: 3, status: "ILLNESS", reason: "Kasallik varaqasi" },
  { back: 4, status: "ABSENT_UNEXCUSED", period: "last" },
  { back: 6, status: "ABSENT_EXCUSED", reason: "Oilaviy sabab (ota-onasining arizasi)" },
  { back: 9, status: "ABSENT_UNEXCUSED", period: 2 },
];

/** Whole-day absences of one student over the past days: short illnesses, the odd excused day. */
function dayAbsences(rng: Random, pastDays: readonly string[]): Map<string, DayAbsence> {
  const out = new Map<string, DayAbsence>();
  for (let i = 0; i < pastDays.length; i++) {
    if (rng.chance(0.012)) {
      const reason = rng.chance(0.5) ? "Kasallik varaqasi" : null;
      const length = rng.int(1, 4);
      for (let j = i; j < Math.min(pastDays.length, i + length); j++) out.set(pastDays[j]!, { status: "ILLNESS", reason });
      i += length - 1;
    } else if (rng.chance(0.004)) {
      out.set(pastDays[i]!, { status: "ABSENT_EXCUSED", reason: rng.pick(EXCUSE_REASONS) });
    }
  }
  return out;
}

/** A mark around the student's level: mostly 4 and 5, some 3, few 2, a rare 1. */
function markFor(rng: Random, ability: number): number {
  if (rng.chance(0.004)) return 1;
  const noise = (rng.next() + rng.next() - 1) * 1.8;
  return Math.max(2, Math.min(5, Math.round(ability + noise)));
}

/** When a lesson's marks were entered: mostly right after it, some in the evening, a few after 21:00. */
function marksEnteredAt(rng: Random, date: string, period: number): Date {
  const [hour, minute] = PERIOD_STARTS[period - 1]!;
  const roll = rng.next();
  if (roll < 0.55) return tashkentInstant(date, hour, minute + LESSON_MINUTES + rng.int(0, 40));
  if (roll < 0.8) return tashkentInstant(date, rng.int(14, 17), rng.int(0, 59));
  if (roll < 0.93) return tashkentInstant(date, rng.int(18, 20), rng.int(0, 59));
  return tashkentInstant(date, rng.int(21, 23), rng.int(0, 50));
}

/** Rooms other than the class's own, by curriculum key. */
const SUBJECT_ROOMS: Record<string, string> = { pe: "Sport zali", informatics: "Informatika xonasi" };

/**
 * The class's weekly timetable (world.timetables) as the journal keeps it: the same week for each term
 * of the class's kind that the lesson days touch, in the class's own room but for PE and informatics.
 */
function timetableOf(world: World, ctx: JournalContext, cls: ClassRow): TimetableEntryRow[] {
  const week = world.timetables.get(cls.id) ?? [];
  const rng = world.journalRandom.fork(`timetable:${cls.id}`);
  const ownRoom = String(rng.int(101, 349));
  const terms = ctx.lessonTerms.filter((t) => t.kind === termKindFor(cls.gradeLevel));
  return terms.flatMap((term) =>
    week.flatMap((subjects, day) =>
      subjects.map((subjectId, index) => ({
        id: rng.uuid(),
        classId: cls.id,
        termId: term.id,
        weekday: day + 1,
        period: index + 1,
        subjectId,
        teacherId: ctx.teacherOf.get(`${cls.id}:${subjectId}`)!,
        room: SUBJECT_ROOMS[ctx.subjectOf.get(subjectId)!.key] ?? ownRoom,
      })),
    ),
  );
}

/** Homework is due at the class's next lesson of the subject (a week on when the quarter holds none). */
function setDueDates(lessons: LessonRow[]): void {
  const next = new Map<string, string>();
  for (let i = lessons.length - 1; i >= 0; i--) {
    const lesson = lessons[i]!;
    if (lesson.homework) lesson.homeworkDueOn = next.get(lesson.subjectId) ?? addDays(lesson.date, 7);
    next.set(lesson.subjectId, lesson.date);
  }
}

export function classJournal(world: World, ctx: JournalContext, cls: ClassRow): ClassJournal {
  const rng = world.journalRandom.fork(cls.id);
  const timetable = timetableOf(world, ctx, cls);
  const byDay = slotsByDay(timetable);
  const lessonsOn = (date: string) => plannedLessonsOn(date, { classId: cls.id, gradeLevel: cls.gradeLevel }, byDay, ctx.terms, ctx.breaks);
  const roster = ctx.rosterOf.get(cls.id) ?? [];
  const pastDays = ctx.days.filter((d) => d < ctx.today);
  const homeworkUntil = addDays(ctx.today, 7);
  const ability = new Map(roster.map((id) => [id, 2.9 + 2 * ((rng.next() + rng.next()) / 2)]));
  const absences = new Map(
    roster.map((id) => [id, world.featuredAbsentees.has(id) ? new Map<string, DayAbsence>() : dayAbsences(rng, pastDays)]),
  );
  const lessonAbsence = new Map<string, DayAbsence>(); // `${studentId}:${date}:${period}`
  for (const id of roster.filter((s) => world.featuredAbsentees.has(s))) {
    for (const f of FEATURED_DAYS) {
      const date = pastDays[pastDays.length - f.back];
      const periods = date ? lessonsOn(date).length : 0;
      if (!date || periods === 0) continue;
      const mark = { status: f.status, reason: f.reason ?? null };
      if (f.period === undefined) absences.get(id)!.set(date, mark);
      else
        lessonAbsence.set(`${id}:${date}:${f.period === "first" ? 1 : f.period === "last" ? periods : Math.min(f.period, periods)}`, mark);
    }
  }

  const out: ClassJournal = { timetable, lessons: [], grades: [], attendance: [] };
  const taught = new Map<string, number>();
  for (const date of ctx.days) {
    const past = date < ctx.today;
    lessonsOn(date).forEach((planned) => {
      const { subjectId, period, teacherId } = planned;
      const subject = ctx.subjectOf.get(subjectId)!;
      const n = taught.get(subjectId) ?? 0;
      taught.set(subjectId, n + 1);
      const cycle = Math.floor(n / subject.topics.length);
      const topic = subject.topics[(n + cls.gradeLevel) % subject.topics.length]!;
      const lessonId = rng.uuid();
      out.lessons.push({
        id: lessonId,
        classId: cls.id,
        subjectId,
        teacherId,
        date,
        period,
        topic: cycle > 0 ? `${topic} (${cycle + 1}-dars)` : topic,
        homework: subject.homework && date <= homeworkUntil && rng.chance(0.6) ? homeworkText((max) => rng.int(0, max)) : null,
        homeworkDueOn: null,
        room: planned.room,
        plannedDate: planned.plannedDate,
        plannedPeriod: planned.plannedPeriod,
      });
      if (!past) return;

      const [hour, minute] = PERIOD_STARTS[period - 1]!;
      const present: string[] = [];
      for (const studentId of roster) {
        let mark = absences.get(studentId)!.get(date) ?? lessonAbsence.get(`${studentId}:${date}:${period}`);
        if (!mark && !world.featuredAbsentees.has(studentId)) {
          if (rng.chance(0.006)) mark = { status: "ABSENT_UNEXCUSED", reason: null };
          else if (rng.chance(period === 1 ? 0.04 : 0.008)) mark = { status: "LATE", reason: null };
        }
        const status = mark?.status ?? "PRESENT";
        if (status === "PRESENT" || status === "LATE") present.push(studentId);
        out.attendance.push({
          id: rng.uuid(),
          lessonId,
          studentId,
          classId: cls.id,
          subjectId,
          date,
          status,
          reason: mark?.reason ?? null,
          recordedById: teacherId,
          recordedAt: tashkentInstant(date, hour, minute + rng.int(1, 10)),
        });
      }

      const count = roster.length >= 10 ? rng.int(2, 6) : rng.int(0, Math.min(2, present.length));
      const graded = rng.shuffle(present).slice(0, count);
      const enteredAt = marksEnteredAt(rng, date, period);
      graded.forEach((studentId, i) => {
        const value = markFor(rng, ability.get(studentId)!);
        const comment =
          value <= 2 && rng.chance(0.3)
            ? rng.pick(LOW_MARK_COMMENTS)
            : value === 5 && rng.chance(0.1)
              ? rng.pick(HIGH_MARK_COMMENTS)
              : null;
        out.grades.push({
          id: rng.uuid(),
          studentId,
          classId: cls.id,
          subjectId,
          lessonId,
          kind: "CURRENT",
          value,
          date,
          comment,
          recordedById: teacherId,
          recordedAt: new Date(enteredAt.getTime() + i * 20_000),
        });
      });
    });
  }
  setDueDates(out.lessons);
  return out;
}
