/**
 * What the teacher who gives a lesson writes on it: the topic, and the homework with its due date. A
 * homework change keeps its history and, when homework is set, tells the class's parents through the
 * outbox, all in one transaction.
 */
import { randomUUID } from "node:crypto";
import type { AuthedContext } from "../../../shared/context.js";
import { BadUserInputError } from "../../../shared/errors.js";
import { enqueue } from "../../../shared/events/outbox.js";
import type { JournalContext } from "../context.js";
import { HomeworkChange, Lesson, RosterEntry } from "../entities/index.js";
import { HOMEWORK_SET, type HomeworkSet } from "../events/published.js";
import { assertTeachesLesson } from "../permissions.js";
import { assertNotCancelled, loadLesson } from "./lesson-rules.js";

type Ctx = AuthedContext<JournalContext>;

export const MAX_TOPIC_LENGTH = 500;
export const MAX_HOMEWORK_LENGTH = 2000;
/** A due date further out than this is a typing mistake, not homework. */
const MAX_DUE_DAYS = 60;

const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

async function lessonOfTeacher(ctx: Ctx, lessonId: string): Promise<Lesson> {
  const lesson = await loadLesson(ctx, lessonId);
  await assertTeachesLesson(ctx, lesson);
  assertNotCancelled(lesson);
  return lesson;
}

export async function setLessonTopic(ctx: Ctx, args: { lessonId: string; topic?: string | null }): Promise<Lesson> {
  const lesson = await lessonOfTeacher(ctx, args.lessonId);
  const topic = args.topic?.trim() || null;
  if (topic && topic.length > MAX_TOPIC_LENGTH) throw new BadUserInputError("topic", `at most ${MAX_TOPIC_LENGTH} characters`);
  lesson.topic = topic;
  await ctx.em.flush();
  return lesson;
}

/** Without a due date, homework is due at the class's next lesson of the same subject. */
async function defaultDueOn(ctx: Ctx, lesson: Lesson): Promise<string> {
  const next = await ctx.em.findOne(
    Lesson,
    { classId: lesson.classId, subjectId: lesson.subjectId, date: { $gt: lesson.date }, cancelled: false },
    { orderBy: { date: "asc", period: "asc" }, fields: ["date"] },
  );
  if (!next) throw new BadUserInputError("dueOn", "no later lesson of this subject is scheduled: give a due date");
  return next.date;
}

function checkDueOn(lesson: Lesson, dueOn: string): void {
  if (dueOn <= lesson.date) throw new BadUserInputError("dueOn", `homework is due after the lesson (${lesson.date})`);
  if (dayNumber(dueOn) - dayNumber(lesson.date) > MAX_DUE_DAYS) {
    throw new BadUserInputError("dueOn", `at most ${MAX_DUE_DAYS} days after the lesson`);
  }
}

/** Sets, changes or (with no text) clears a lesson's homework. */
export async function setHomework(ctx: Ctx, args: { lessonId: string; text?: string | null; dueOn?: string | null }): Promise<Lesson> {
  const lesson = await lessonOfTeacher(ctx, args.lessonId);
  const text = args.text?.trim() || null;
  if (text && text.length > MAX_HOMEWORK_LENGTH) throw new BadUserInputError("text", `at most ${MAX_HOMEWORK_LENGTH} characters`);
  if (!text && args.dueOn) throw new BadUserInputError("dueOn", "a due date needs homework");
  let dueOn: string | null = null;
  if (text) {
    dueOn = args.dueOn ?? (await defaultDueOn(ctx, lesson));
    checkDueOn(lesson, dueOn);
  }
  const before = { text: lesson.homework ?? null, dueOn: lesson.homeworkDueOn ?? null };
  if (before.text === text && before.dueOn === dueOn) return lesson;

  await ctx.em.transactional(async (em) => {
    em.assign(lesson, { homework: text, homeworkDueOn: dueOn });
    em.persist(
      em.create(HomeworkChange, {
        id: randomUUID(),
        lessonId: lesson.id,
        classId: lesson.classId,
        lessonDate: lesson.date,
        changedById: ctx.caller.sub,
        oldText: before.text,
        newText: text,
        oldDueOn: before.dueOn,
        newDueOn: dueOn,
      }),
    );
    if (text && dueOn) {
      // The class on the lesson day, so notifications can tell each pupil's guardians without a roster of its own.
      const roster = await em.find(RosterEntry, {
        classId: lesson.classId,
        startsOn: { $lte: lesson.date },
        $or: [{ endsOn: null }, { endsOn: { $gt: lesson.date } }],
      });
      const studentIds = roster.map((r) => r.studentId).sort();
      const event: HomeworkSet = { lessonId: lesson.id, classId: lesson.classId, subjectId: lesson.subjectId, dueOn, studentIds };
      enqueue(em, HOMEWORK_SET, { ...event });
    }
  });
  ctx.services.relay.kick();
  return lesson;
}
