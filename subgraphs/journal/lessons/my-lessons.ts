/**
 * A teacher's day: the lessons they give in a range, their own (not handed to a substitute) and those the
 * school gave them as a substitute, with whether the journal of each is filled in. Timetable facts only:
 * nobody's personal data, so it needs no release, only the teacher's own token.
 */
import type { EntityManager } from "@mikro-orm/core";
import DataLoader from "dataloader";
import type { AuthedContext } from "../../../shared/context.js";
import { ForbiddenError } from "../../../shared/errors.js";
import type { JournalContext } from "../context.js";
import { Lesson } from "../entities/index.js";
import { aggregate, num, placeholders } from "../reports/sql.js";
import { checkRange } from "./input-rules.js";

/** A month and a bit: a teacher's view of their lessons, not an export. */
export const MAX_MY_LESSONS_DAYS = 42;

export async function myLessons(ctx: AuthedContext<JournalContext>, from: string, to: string): Promise<Lesson[]> {
  if (ctx.caller.role !== "TEACHER") throw new ForbiddenError("Only a teacher has lessons of their own");
  checkRange(from, to, MAX_MY_LESSONS_DAYS);
  const me = ctx.caller.sub;
  return ctx.em.find(
    Lesson,
    { date: { $gte: from, $lte: to }, $or: [{ teacherId: me, substituteTeacherId: null }, { substituteTeacherId: me }] },
    { orderBy: { date: "asc", period: "asc" } },
  );
}

/** How many lesson marks and attendance marks each lesson holds: two grouped statements per batch. */
export interface LessonFill {
  marks: number;
  attendance: number;
}

export function lessonFillLoader(em: EntityManager): DataLoader<string, LessonFill> {
  return new DataLoader(async (lessonIds) => {
    const ids = [...lessonIds];
    const count = (table: string, extra = "") =>
      aggregate<{ lesson_id: string; n: unknown }>(
        em,
        `select lesson_id, count(*) as n from ${table} where lesson_id in (${placeholders(ids)}) ${extra} group by lesson_id`,
        ids,
      );
    const [marks, attendance] = await Promise.all([count("grades", "and kind in ('CURRENT', 'INTERMEDIATE')"), count("attendance_marks")]);
    const byId = (rows: Array<{ lesson_id: string; n: unknown }>) => new Map(rows.map((r) => [r.lesson_id, num(r.n)]));
    const [m, a] = [byId(marks), byId(attendance)];
    return ids.map((id) => ({ marks: m.get(id) ?? 0, attendance: a.get(id) ?? 0 }));
  });
}
