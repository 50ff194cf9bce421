import type { EntityManager, FilterQuery } from "@mikro-orm/core";
import DataLoader from "dataloader";
import { byIdLoader, groupLoader } from "../../../shared/db/loaders.js";
import { AttendanceMark, ClassPlace, Grade, HomeworkChange, JournalChange, Lesson, RosterEntry } from "../entities/index.js";
import { now } from "../../../shared/clock.js";
import { loadSchoolCalendar, type SchoolCalendar } from "../calendar/school-calendar.js";
import { lessonFillLoader, type LessonFill } from "../lessons/my-lessons.js";

/** A student's rows in an optional date range (and school subject), as User.grades / User.attendance ask. */
export interface StudentRange {
  studentId: string;
  from?: string;
  to?: string;
  subjectId?: string;
}

/** Every N+1 hotspot of this subgraph gets one named loader, created per request. */
export interface JournalLoaders {
  lesson: DataLoader<string, Lesson | null>;
  grade: DataLoader<string, Grade | null>;
  classPlace: DataLoader<string, ClassPlace | null>;
  rosterByClass: DataLoader<string, RosterEntry[]>;
  rosterByStudent: DataLoader<string, RosterEntry[]>;
  /** Every roster entry of each student, ended ones included (where they were on the day of a record). */
  rosterHistoryByStudent: DataLoader<string, RosterEntry[]>;
  gradesOfStudent: DataLoader<StudentRange, Grade[], string>;
  attendanceOfStudent: DataLoader<StudentRange, AttendanceMark[], string>;
  /** The changes of each grade or attendance mark, oldest first. */
  historyOfCell: DataLoader<string, JournalChange[]>;
  /** A lesson's homework changes, oldest first. */
  homeworkHistory: DataLoader<string, HomeworkChange[]>;
  /** The school calendar's terms, read once per request (a few rows a year). */
  calendar: () => Promise<SchoolCalendar>;
  /** How many marks and attendance marks a lesson holds (a teacher's day: is its journal filled in). */
  lessonFill: DataLoader<string, LessonFill>;
}

/** Only current roster rows: a student who has not left the class. */
export const currentRoster = () => ({ $or: [{ endsOn: null }, { endsOn: { $gt: now().toISOString().slice(0, 10) } }] });

const dateRange = (from?: string, to?: string) =>
  from || to ? { date: { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) } } : {};

/**
 * Rows of many students in one statement per distinct argument set: a request asking thirty users for
 * the same range costs one query, not thirty.
 */
function rangeLoader<T extends { studentId: string }>(
  em: EntityManager,
  entity: new () => T,
  filter: (range: StudentRange) => object,
): DataLoader<StudentRange, T[], string> {
  const argsKey = (k: StudentRange) => JSON.stringify([k.from ?? null, k.to ?? null, k.subjectId ?? null]);
  return new DataLoader<StudentRange, T[], string>(
    async (keys) => {
      const groups = new Map<string, StudentRange[]>();
      for (const key of keys) groups.set(argsKey(key), [...(groups.get(argsKey(key)) ?? []), key]);
      const found = new Map<string, T[]>();
      await Promise.all(
        [...groups.entries()].map(async ([args, group]) => {
          const studentIds = [...new Set(group.map((k) => k.studentId))];
          const rows = await em.find(entity, { studentId: { $in: studentIds }, ...filter(group[0]!) } as unknown as FilterQuery<T>, {
            orderBy: { date: "asc", recordedAt: "asc" } as never,
          });
          for (const row of rows) {
            const slot = `${row.studentId}|${args}`;
            found.set(slot, [...(found.get(slot) ?? []), row]);
          }
        }),
      );
      return keys.map((k) => found.get(`${k.studentId}|${argsKey(k)}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.studentId}|${argsKey(k)}` },
  );
}

export function createJournalLoaders(em: EntityManager): JournalLoaders {
  let calendar: Promise<SchoolCalendar> | undefined;
  return {
    calendar: () => (calendar ??= loadSchoolCalendar(em)),
    lesson: byIdLoader(em, Lesson),
    grade: byIdLoader(em, Grade),
    classPlace: new DataLoader(async (classIds) => {
      const rows = await em.find(ClassPlace, { classId: { $in: [...classIds] } });
      const map = new Map(rows.map((row) => [row.classId, row]));
      return classIds.map((id) => map.get(id) ?? null);
    }),
    rosterByClass: groupLoader(em, RosterEntry, "classId", { where: currentRoster(), orderBy: { studentId: "asc" } }),
    rosterByStudent: groupLoader(em, RosterEntry, "studentId", { where: currentRoster() }),
    rosterHistoryByStudent: groupLoader(em, RosterEntry, "studentId", { orderBy: { startsOn: "asc" } }),
    gradesOfStudent: rangeLoader(em, Grade, (r) => ({ ...dateRange(r.from, r.to), ...(r.subjectId ? { subjectId: r.subjectId } : {}) })),
    attendanceOfStudent: rangeLoader(em, AttendanceMark, (r) => dateRange(r.from, r.to)),
    historyOfCell: groupLoader(em, JournalChange, "cellId", { orderBy: { changedAt: "asc" } }),
    homeworkHistory: groupLoader(em, HomeworkChange, "lessonId", { orderBy: { changedAt: "asc" } }),
    lessonFill: lessonFillLoader(em),
  };
}
