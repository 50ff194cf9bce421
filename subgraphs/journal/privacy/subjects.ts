/**
 * The data subjects behind the journal's personal data, built from its replicas: the roster says which
 * class a student is in, ClassPlace where that class sits. Everything goes through the request's loaders,
 * so a list of thirty grades costs two statements, not thirty.
 */
import type { SubjectOf } from "../../../shared/auth/enforce.js";
import { isolatedSubject, type DataSubject } from "../../../shared/auth/subject.js";
import type { JournalContext } from "../context.js";
import type { ClassPlace } from "../entities/index.js";
import { substituteUntil } from "../permissions.js";

const unique = (values: Array<string | undefined | null>): string[] => [...new Set(values.filter((v): v is string => !!v))];

/**
 * A student as the policy sees them: the current classes, plus every roster entry with its dates so a
 * dated record is judged by where the student was that day. Someone never on a roster relates only to
 * themself (and a guardian).
 */
export async function studentSubject(ctx: JournalContext, studentId: string): Promise<DataSubject> {
  const [entries, history] = await Promise.all([
    ctx.loaders.rosterByStudent.load(studentId),
    ctx.loaders.rosterHistoryByStudent.load(studentId),
  ]);
  if (history.length === 0) return isolatedSubject(studentId, "STUDENT");
  const places = (await ctx.loaders.classPlace.loadMany(unique(history.map((e) => e.classId)))).filter(
    (p): p is ClassPlace => !!p && !(p instanceof Error),
  );
  const placeOf = new Map(places.map((p) => [p.classId, p]));
  const current = entries.flatMap((e) => placeOf.get(e.classId) ?? []);
  return {
    id: studentId,
    kind: "STUDENT",
    classIds: unique(entries.map((e) => e.classId)),
    schoolIds: unique(current.map((p) => p.schoolId)),
    districtIds: unique(current.map((p) => p.districtId)),
    regionIds: unique(current.map((p) => p.regionId)),
    enrolments: history.flatMap((e) => {
      const place = placeOf.get(e.classId);
      return place
        ? [
            {
              classId: e.classId,
              schoolId: place.schoolId,
              districtId: place.districtId,
              regionId: place.regionId,
              from: e.startsOn,
              to: e.endsOn,
            },
          ]
        : [];
    }),
  };
}

/**
 * A row of academic data (a grade, an attendance mark, a term-mark suggestion, a cell's history) is the
 * student's data of one school subject: subject teachers see only theirs.
 */
async function academicRowSubject(ctx: JournalContext, row: AcademicRow): Promise<DataSubject> {
  const subject: DataSubject = {
    ...(await studentSubject(ctx, row.studentId)),
    academicSubjectId: row.subjectId,
    ...(row.date ? { recordDate: row.date } : {}),
  };
  // A lesson's rows name its substitute (only a teacher can be one: nobody else pays for the lookup).
  if (ctx.caller?.role !== "TEACHER" || !row.lessonId) return subject;
  const lesson = await ctx.loaders.lesson.load(row.lessonId);
  if (!lesson?.substituteTeacherId) return subject;
  return { ...subject, substitutes: [{ teacherId: lesson.substituteTeacherId, until: substituteUntil(ctx, lesson) }] };
}

/**
 * A whole class's students judged collectively, for an object-level decision about a class-wide read
 * (the daily attendance summary, the history of a class's day): any teacher of the class, its homeroom
 * teacher, the school's administration.
 */
export function classAsSubject(place: ClassPlace): DataSubject {
  return {
    id: place.classId,
    kind: "STUDENT",
    classIds: [place.classId],
    schoolIds: [place.schoolId],
    districtIds: [place.districtId],
    regionIds: [place.regionId],
  };
}

/**
 * A class as a workplace of its school, for what the school's staff do there (the lessons: who teaches,
 * topics, homework): the policy relates to it the school's staff, its administration, the officials over
 * it, its own students and parents (TEACHES_CALLER) and the school's partner; nobody from another school.
 */
export function classAsWorkplace(place: ClassPlace): DataSubject {
  return { ...classAsSubject(place), kind: "STAFF" };
}

/** A whole class's academic data of one subject (the class journal), judged as the class's students collectively. */
export function classSubject(place: ClassPlace, subjectId: string): DataSubject {
  return { ...classAsSubject(place), academicSubjectId: subjectId };
}

/** A dated row (grade, attendance, cell history) is judged by the student's enrolment on its day; a lesson's rows name its substitute. */
type AcademicRow = { studentId: string; subjectId: string; date?: string; lessonId?: string | null };

export const journalSubjects: Record<string, SubjectOf<JournalContext>> = {
  User: (user: { id: string }, ctx) => studentSubject(ctx, user.id),
  Grade: (grade: AcademicRow, ctx) => academicRowSubject(ctx, grade),
  AttendanceMark: (mark: AcademicRow, ctx) => academicRowSubject(ctx, mark),
  JournalChange: (change: AcademicRow, ctx) => academicRowSubject(ctx, change),
  TermMarkSuggestion: (row: AcademicRow, ctx) => academicRowSubject(ctx, row),
  // A message to the parents concerns the student as a whole, not one school subject.
  ParentMessage: (message: { studentId: string }, ctx) => studentSubject(ctx, message.studentId),
};
