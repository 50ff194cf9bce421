/**
 * Who may write what in the journal. These are operation permissions, not personal-data releases, and
 * they come from the journal's replicas of institutions (teaching assignments, homeroom, the class's
 * school), not from the token, so a revoked assignment takes effect without a new sign-in.
 */
import type { AuthedContext } from "../../shared/context.js";
import { tashkentDay } from "../../shared/days.js";
import { ForbiddenError } from "../../shared/errors.js";
import type { JournalContext } from "./context.js";
import { TeachingReplica, type ClassPlace } from "./entities/index.js";
import { teachingOn } from "./entities/teaching-replica.entity.js";
import { lockedError, lockState, lockStateOfTerm, type LockState } from "./locks.js";
import type { Term } from "./terms.js";

type Ctx = AuthedContext<JournalContext>;

/** The school admin of the class's own school. */
export const isSchoolAdminOf = (ctx: Ctx, place: ClassPlace | null): boolean =>
  ctx.caller.role === "SCHOOL_ADMIN" && !!ctx.caller.org.schoolId && place?.schoolId === ctx.caller.org.schoolId;

/** The class's homeroom teacher, as the class replica names them. */
export const isHomeroomOf = (ctx: Ctx, place: ClassPlace | null): boolean =>
  ctx.caller.role === "TEACHER" && !!place?.homeroomTeacherId && place.homeroomTeacherId === ctx.caller.sub;

/**
 * Marks and attendance of a class in a subject: the teacher assigned to that class and subject (on `day`,
 * the records' date, when given: an assignment has dates), or the school's administration.
 */
export async function assertMayRecord(ctx: Ctx, classId: string, subjectId: string, day?: string): Promise<void> {
  const place = await ctx.loaders.classPlace.load(classId);
  if (isSchoolAdminOf(ctx, place)) return;
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
  if (isSchoolAdminOf(ctx, place) || isHomeroomOf(ctx, place)) return;
  if (ctx.caller.role === "TEACHER" && (await ctx.em.count(TeachingReplica, { teacherId: ctx.caller.sub, classId })) > 0) return;
  throw new ForbiddenError(
    "Only a teacher of the student's class, its homeroom teacher or the school's administration may write to the parents",
  );
}

/** Today in Tashkent, the day locks are judged on. */
export const journalToday = (): string => tashkentDay();

/**
 * Refuses a change to a locked term unless the caller is the school's administration (DESIGN.md §4).
 * `what` is the date of the records (their term is looked up) or the term itself.
 */
export function assertUnlocked(ctx: Ctx, place: ClassPlace | null, what: string | Term): LockState {
  const lockDays = ctx.services.lockDaysAfterTerm;
  const gradeLevel = place?.gradeLevel ?? 1;
  const state =
    typeof what === "string" ? lockState(gradeLevel, what, journalToday(), lockDays) : lockStateOfTerm(what, journalToday(), lockDays);
  if (state.locked && !isSchoolAdminOf(ctx, place)) throw lockedError(state);
  return state;
}
