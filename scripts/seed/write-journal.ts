/**
 * The journal subgraph's tables: the academic calendar (unless the database has it), its replicas of
 * institutions (where each class sits, rosters, who teaches what; each reusing the id of the row it
 * mirrors), each class's timetable and the current quarter's lessons made from it, with marks and
 * attendance, generated class by class and written in chunks so a large world never sits in memory.
 */
import {
  AcademicTerm,
  AttendanceMark,
  CalendarBreak,
  ClassPlace,
  Grade,
  Lesson,
  RosterEntry,
  TeachingReplica,
  TimetableEntry,
} from "../../subgraphs/journal/entities/index.js";
import type { BulkWriter } from "./bulk.js";
import { classJournal, journalContext, type ClassJournal } from "./lessons.js";
import type { World } from "./world.js";

/** Buffered journal rows are written once this many are waiting. */
const FLUSH_ROWS = 20_000;

export async function writeJournal(out: BulkWriter, world: World, days: readonly string[]): Promise<void> {
  for (const year of world.calendars.filter((y) => !world.calendarYears.has(y.year))) {
    await out.insert(AcademicTerm, year.rows.terms);
    await out.insert(CalendarBreak, year.rows.breaks);
  }
  const schools = new Map(world.schools.map((s) => [s.id, s]));
  await out.insert(
    ClassPlace,
    world.classes.map((c) => {
      const school = schools.get(c.schoolId)!;
      return {
        classId: c.id,
        schoolId: school.id,
        districtId: school.districtId,
        regionId: school.regionId,
        gradeLevel: c.gradeLevel,
        homeroomTeacherId: c.homeroomTeacherId,
      };
    }),
  );
  await out.insert(
    RosterEntry,
    world.enrolments.map((e) => ({ id: e.id, classId: e.classId, studentId: e.studentId, startsOn: e.startsOn, endsOn: e.endsOn })),
  );
  await out.insert(TeachingReplica, world.assignments);

  const ctx = journalContext(world, days);
  let buffer: ClassJournal = { timetable: [], lessons: [], grades: [], attendance: [] };
  let buffered = 0;
  const flush = async () => {
    await out.insert(TimetableEntry, buffer.timetable);
    await out.insert(Lesson, buffer.lessons);
    await out.insert(Grade, buffer.grades);
    await out.insert(AttendanceMark, buffer.attendance);
    buffer = { timetable: [], lessons: [], grades: [], attendance: [] };
    buffered = 0;
  };
  let done = 0;
  for (const cls of world.classes) {
    const journal = classJournal(world, ctx, cls);
    buffer.timetable.push(...journal.timetable);
    buffer.lessons.push(...journal.lessons);
    buffer.grades.push(...journal.grades);
    buffer.attendance.push(...journal.attendance);
    buffered += journal.lessons.length + journal.grades.length + journal.attendance.length;
    done += 1;
    if (buffered >= FLUSH_ROWS) {
      await flush();
      out.progress(`journal of ${done}/${world.classes.length} classes written`);
    }
  }
  await flush();
}
