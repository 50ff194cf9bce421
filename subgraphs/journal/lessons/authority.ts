/**
 * Who may change the schedule of a class and the content of a lesson. These are operation permissions,
 * not releases of personal data: a refusal is FORBIDDEN for the whole operation.
 */
import type { Caller } from "../../../shared/auth/claims.js";
import type { AuthedContext } from "../../../shared/context.js";
import { ForbiddenError, NotFoundError } from "../../../shared/errors.js";
import type { JournalContext } from "../context.js";
import { TeachingReplica, type ClassPlace, type Lesson } from "../entities/index.js";
import { teachingOn } from "../entities/teaching-replica.entity.js";

type Ctx = AuthedContext<JournalContext>;

const isAdminOf = (caller: Caller, place: ClassPlace | null): boolean =>
  caller.role === "SCHOOL_ADMIN" && !!caller.org.schoolId && place?.schoolId === caller.org.schoolId;

/** Refuses anyone but a school's administration, before any id they sent is looked up. */
export function assertSchoolAdminRole(ctx: Ctx): void {
  if (ctx.caller.role !== "SCHOOL_ADMIN") throw new ForbiddenError("Only the school's administration may do this");
}

/**
 * The school's administration of the class, who keeps its timetable and moves, cancels and hands over
 * its lessons. Anyone else is refused before the class is looked up, so the answer tells them nothing.
 */
export async function assertSchoolAdminOfClass(ctx: Ctx, classId: string): Promise<ClassPlace> {
  assertSchoolAdminRole(ctx);
  const place = await ctx.loaders.classPlace.load(classId);
  if (!place) throw new NotFoundError("SchoolClass");
  if (!isAdminOf(ctx.caller, place)) throw new ForbiddenError("This class belongs to another school");
  return place;
}

/** Whether the caller is the substitute of this lesson. */
export const isSubstitute = (caller: Caller, lesson: Lesson): boolean =>
  caller.role === "TEACHER" && !!lesson.substituteTeacherId && lesson.substituteTeacherId === caller.sub;

/**
 * Who gives a lesson: the teacher of its class and subject (from the teaching replica, so a revoked
 * assignment takes effect without a new sign-in) or the substitute the school gave it to.
 */
export async function teachesLesson(ctx: Ctx, lesson: Lesson): Promise<boolean> {
  if (isSubstitute(ctx.caller, lesson)) return true;
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
      return isAdminOf(caller, place);
    case "TEACHER":
    case "STUDENT":
      return caller.classes.includes(place.classId);
    case "PARENT":
      return caller.childClasses.includes(place.classId);
    default:
      return false;
  }
}
