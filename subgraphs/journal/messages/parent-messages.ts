/**
 * A teacher's message to a student's parents about the student (behaviour, a meeting, progress). Stored in
 * the journal and published as `journal.message.sent` in the same transaction; notifications turns it into
 * a MESSAGE notice for every guardian who consented. The text is never logged.
 */
import { randomUUID } from "node:crypto";
import type { AuthedContext } from "../../../shared/context.js";
import { BadUserInputError, ForbiddenError } from "../../../shared/errors.js";
import { enqueue } from "../../../shared/events/outbox.js";
import { parseId } from "../../../shared/ids.js";
import { assertMayMessage } from "../permissions.js";
import type { JournalContext } from "../context.js";
import { ParentMessage, type MessageTopic } from "../entities/index.js";
import { MESSAGE_SENT, type MessageSent } from "../events/published.js";
import { checkNote } from "../lessons/input-rules.js";
import { now } from "../../../shared/clock.js";

/** Long enough for a note about a meeting; a letter belongs elsewhere. */
export const MAX_MESSAGE_LENGTH = 2000;

export async function sendParentMessage(
  ctx: AuthedContext<JournalContext>,
  input: { studentId: string; topic: MessageTopic; text: string },
): Promise<ParentMessage> {
  const studentId = parseId(input.studentId, "input.studentId");
  const text = checkNote(input.text, "input.text", MAX_MESSAGE_LENGTH);
  if (!text) throw new BadUserInputError("input.text", "the message is empty");
  // The student's current class decides who may write; someone on no roster is nobody's to write about
  // (answered like a refusal, so the mutation does not tell whether an id is a student).
  const [entry] = await ctx.loaders.rosterByStudent.load(studentId);
  if (!entry)
    throw new ForbiddenError(
      "Only a teacher of the student's class, its homeroom teacher or the school's administration may write to the parents",
    );
  const place = await ctx.loaders.classPlace.load(entry.classId);
  await assertMayMessage(ctx, place, entry.classId);

  const message = await ctx.em.transactional(async (em) => {
    const sent = em.create(ParentMessage, {
      id: randomUUID(),
      studentId,
      classId: entry.classId,
      senderId: ctx.caller.sub,
      topic: input.topic,
      text,
      sentAt: now(),
    });
    const event: MessageSent = {
      messageId: sent.id,
      studentId,
      classId: entry.classId,
      senderId: ctx.caller.sub,
      topic: input.topic,
      text,
      sentAt: sent.sentAt.toISOString(),
    };
    enqueue(em, MESSAGE_SENT, { ...event });
    return sent;
  });
  ctx.services.relay.kick();
  return message;
}
