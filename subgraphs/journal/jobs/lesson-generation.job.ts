/**
 * Keeps lessons ahead of the calendar: every run makes the missing lessons of this week and the next
 * for every class with a timetable, so a school's week is in the journal before it starts without anyone
 * remembering to ask. Runs are idempotent, and one instance at a time makes them (PeriodicJob's `exclusive`),
 * so several journal instances never race for the same slot.
 */
import type { MikroORM } from "@mikro-orm/core";
import { tashkentDay } from "../../../shared/days.js";
import { logError } from "../../../shared/http/log-safe.js";
import { PeriodicJob } from "../../../shared/jobs/periodic-job.js";
import { generateLessons } from "../lessons/generate.js";

/** This week and the next. */
const WEEKS_AHEAD = 2;

export class LessonGenerationJob extends PeriodicJob {
  constructor(
    private readonly orm: MikroORM,
    intervalMinutes: number,
    private readonly today: () => string = () => tashkentDay(),
  ) {
    super(intervalMinutes * 60_000, { orm, name: "journal.lesson-generation" });
  }

  protected async work(): Promise<void> {
    const result = await generateLessons(this.orm.em.fork(), { weekOf: this.today(), weeks: WEEKS_AHEAD, collect: false });
    if (result.createdCount > 0) console.log(`[journal] lessons generated from ${result.weekStartsOn}: ${result.createdCount}`);
  }

  protected failed(error: unknown): void {
    logError("[journal] lesson generation failed", error);
  }
}
