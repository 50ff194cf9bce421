/**
 * The journal's workflow rules: who may write marks and attendance, keep a class's schedule, set a lesson's
 * content or write to parents. These are operation permissions, not personal-data releases (a refusal is
 * FORBIDDEN for the whole operation), and they come from the journal's replicas of institutions (teaching
 * assignments, homeroom, the class's school), not from the token, so a revoked assignment takes effect
 * without a new sign-in.
 */
import type { AuthedContext } from "../../shared/context.js";
import { addDays, tashkentDay } from "../../shared/days.js";
import type { Caller } from "../../shared/auth/claims.js";
import { adminSchoolOf, isSchoolAdminOf } from "../../shared/auth/relationships.js";
import { ForbiddenError, NotFoundError } from "../../shared/errors.js";
import type { JournalContext } from "./context.js";
import { ClosedYear, TeachingReplica, type ClassPlace, type Lesson } from "./entities/index.js";
import { teachingOn } from "./entities/teaching-replica.entity.js";
import { lockedError, lockState, type LockState } from "./calendar/locks.js";
import type { Term } from "./calendar/school-calendar.js";

type Ctx = AuthedContext<JournalContext>;

/** The school admin of the class's own school (the one standing check, shared/auth/relationships.ts). */
const isSchoolAdminOfClass = (ctx: Ctx, place: ClassPlace | null): boolean => isSchoolAdminOf(ctx.caller, place?.schoolId);

/** The class's homeroom teacher, as the class replica names them. */
export const isHomeroomOf = (ctx: Ctx, place: ClassPlace | null): boolean =>
  ctx.caller.role === "TEACHER" && !!place?.homeroomTeacherId && place.homeroomTeacherId === ctx.caller.sub;

/**
 * Marks and attendance of a class in a subject: the teacher assigned to that class and subject (on `day`,
 * the records' date, when given: an assignment has dates), or the school's administration.
 */
export async function assertMayRecord(ctx: Ctx, classId: string, subjectId: string, day?: string): Promise<void> {
  const place = await ctx.loaders.classPlace.load(classId);
  if (isSchoolAdminOfClass(ctx, place)) return;
  if (ctx.caller.role === "TEACHER") {
    const assigned = await ctx.em.count(TeachingReplica, {
      teacherId: ctx.caller.sub,
      classId,
      subjectId,
      ...(day ? teachingOn(day) : {}),
    });
    if (assigned > 0) return;
  }
  throw new ForbiddenError("Only the teacher of this class and subject, or the school's administration, may record here");
}

/** Messages to a student's parents: any teacher of the student's class, its homeroom teacher, or the school's administration. */
export async function assertMayMessage(ctx: Ctx, place: ClassPlace | null, classId: string): Promise<void> {
  if (isSchoolAdminOfClass(ctx, place) || isHomeroomOf(ctx, place)) return;
  if (ctx.caller.role === "TEACHER" && (await ctx.em.count(TeachingReplica, { teacherId: ctx.caller.sub, classId })) > 0) return;
  throw new ForbiddenError(
    "Only a teacher of the student's class, its homeroom teacher or the school's administration may write to the parents",
  );
}

/** Today in Tashkent, the day locks are judged on. */
export const journalToday = (): string => tashkentDay();

/**
 * Refuses a change to a locked term unless the caller is the school's administration (DESIGN.md §4), and a
 * change to a school year the class's school has closed to everyone. `what` is the date of the records
 * (their term is looked up in the calendar) or the term itself.
 */
export async function assertUnlocked(ctx: Ctx, place: ClassPlace | null, what: string | Term): Promise<LockState> {
  const calendar = await ctx.loaders.calendar();
  const term = typeof what === "string" ? calendar.governingTerm(place?.gradeLevel ?? 1, what) : what;
  const closed = !!term && !!place && (await ctx.em.count(ClosedYear, { schoolId: place.schoolId, year: term.year })) > 0;
  const state = lockState(term, journalToday(), ctx.services.lockDaysAfterTerm, closed);
  if (state.locked && (state.closed || !isSchoolAdminOfClass(ctx, place))) throw lockedError(state);
  return state;
}

/** Setting a school year's calendar is the ministry's. */
export function assertMinistry(ctx: Ctx): void {
  if (ctx.caller.role !== "MINISTRY_OFFICIAL") throw new ForbiddenError("Only the ministry sets a school year's calendar");
}

/** Refuses anyone but a school's administration, before any id they sent is looked up. */
export function assertSchoolAdminRole(ctx: Ctx): void {
  if (!adminSchoolOf(ctx.caller)) throw new ForbiddenError("Only the school's administration may do this");
}

/**
 * The school's administration of the class, who keeps its timetable and moves, cancels and hands over
 * its lessons. Anyone else is refused before the class is looked up, so the answer tells them nothing.
 */
export async function assertSchoolAdminOfClass(ctx: Ctx, classId: string): Promise<ClassPlace> {
  assertSchoolAdminRole(ctx);
  const place = await ctx.loaders.classPlace.load(classId);
  if (!place) throw new NotFoundError("SchoolClass");
  if (!isSchoolAdminOfClass(ctx, place)) throw new ForbiddenError("This class belongs to another school");
  return place;
}

/** The last day a substitute keeps their rights over a lesson (SUBSTITUTE_DAYS after its day). */
export const substituteUntil = (ctx: JournalContext, lesson: Lesson): string => addDays(lesson.date, ctx.services.substituteDays);

/** Whether the caller is the substitute of this lesson and their days over it have not run out. */
export const isSubstitute = (ctx: Ctx, lesson: Lesson): boolean =>
  ctx.caller.role === "TEACHER" &&
  !!lesson.substituteTeacherId &&
  lesson.substituteTeacherId === ctx.caller.sub &&
  journalToday() <= substituteUntil(ctx, lesson);

/**
 * Who gives a lesson: the teacher of its class and subject (from the teaching replica, so a revoked
 * assignment takes effect without a new sign-in) or the substitute the school gave it to.
 */
export async function teachesLesson(ctx: Ctx, lesson: Lesson): Promise<boolean> {
  if (isSubstitute(ctx, lesson)) return true;
  if (ctx.caller.role !== "TEACHER") return false;
  const assigned = { teacherId: ctx.caller.sub, classId: lesson.classId, subjectId: lesson.subjectId, ...teachingOn(lesson.date) };
  return (await ctx.em.count(TeachingReplica, assigned)) > 0;
}

export async function assertTeachesLesson(ctx: Ctx, lesson: Lesson): Promise<void> {
  if (!(await teachesLesson(ctx, lesson)))
    throw new ForbiddenError("Only the teacher who gives this lesson may set its topic and homework");
}

/**
 * Who may read a class's timetable: its school's administration, its teachers (the token's classes: taught
 * or led), its students and their parents.
 */
export function mayReadClassSchedule(caller: Caller, place: ClassPlace): boolean {
  switch (caller.role) {
    case "SCHOOL_ADMIN":
      return isSchoolAdminOf(caller, place.schoolId);
    case "TEACHER":
    case "STUDENT":
      return caller.classes.includes(place.classId);
    case "PARENT":
      return caller.childClasses.includes(place.classId);
    default:
      return false;
  }
}
