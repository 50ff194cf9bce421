/**
 * Removing a lesson mark given by mistake. Whoever may write the lesson's marks may remove one (its
 * teacher or substitute while the term is open; the school's administration also after the lock), with a
 * reason. The mark goes, a history row keeps what it was, who removed it, when and why, and the parents
 * hear of it, all in one transaction.
 */
import type { AuthedContext } from "../../../shared/context.js";
import { now } from "../../../shared/clock.js";
import { BadUserInputError, NotFoundError } from "../../../shared/errors.js";
import { enqueue } from "../../../shared/events/outbox.js";
import { parseId } from "../../../shared/ids.js";
import type { JournalContext } from "../context.js";
import { Grade } from "../entities/index.js";
import { GRADE_REMOVED, type GradeRemoved } from "../events/published.js";
import { noteGradeRemoval } from "../lessons/cell-history.js";
import { checkNote } from "../lessons/input-rules.js";
import { lessonForRecording } from "../lessons/recording-scope.js";

type Ctx = AuthedContext<JournalContext>;

/** Longest reason for a removal: a sentence for the school's administration, not a letter. */
export const MAX_REASON_LENGTH = 300;

/** Removes one lesson mark; answers its id. Term marks are changed through setTermMarks, never removed here. */
export async function removeGrade(ctx: Ctx, input: { gradeId: string; reason: string }): Promise<string> {
  const gradeId = parseId(input.gradeId, "input.gradeId");
  const reason = checkNote(input.reason, "input.reason", MAX_REASON_LENGTH);
  if (!reason) throw new BadUserInputError("input.reason", "say why the mark is removed");
  const grade = await ctx.em.findOne(Grade, { id: gradeId });
  if (!grade) throw new NotFoundError("Grade");
  if (!grade.lessonId) throw new BadUserInputError("input.gradeId", "a term mark is changed with setTermMarks, not removed");
  // The same checks as writing the mark: who may write this lesson, and the term's lock.
  await lessonForRecording(ctx, grade.lessonId, [grade.studentId]);

  await ctx.em.transactional(async (em) => {
    const at = now();
    noteGradeRemoval(em, grade, reason, ctx.caller.sub, at);
    const event: GradeRemoved = {
      gradeId: grade.id,
      studentId: grade.studentId,
      subjectId: grade.subjectId,
      classId: grade.classId,
      lessonId: grade.lessonId ?? null,
      kind: grade.kind,
      value: grade.value,
      date: grade.date,
    };
    enqueue(em, GRADE_REMOVED, { ...event });
    em.remove(em.getReference(Grade, grade.id));
  });
  ctx.services.relay.kick();
  return grade.id;
}
