/**
 * Keeps lessons ahead of the calendar: every run makes the missing lessons of this week and the next
 * for every class with a timetable, so a school's week is in the journal before it starts without anyone
 * remembering to ask. Runs are idempotent, so several instances of the journal may run it at once: a
 * run that loses a race to another fails on the unique slot and the next run finds nothing to do.
 */
import type { MikroORM } from "@mikro-orm/core";
import { tashkentDay } from "../../../shared/days.js";
import type { BackgroundJob } from "../../../shared/http/subgraph-server.js";
import { generateLessons } from "../lessons/generate.js";

/** This week and the next. */
const WEEKS_AHEAD = 2;

export class LessonGenerationJob implements BackgroundJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly orm: MikroORM,
    private readonly intervalMinutes: number,
    private readonly today: () => string = () => tashkentDay(),
  ) {}

  /** The first run comes one interval after start, like the retention job's: never in the way of start-up. */
  start(): void {
    if (this.intervalMinutes <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.intervalMinutes * 60_000);
    this.timer.unref();
  }

  /** One run now, unless one is under way; a failure is logged and the next tick tries again. */
  runOnce(): Promise<void> {
    this.running ??= generateLessons(this.orm.em.fork(), { weekOf: this.today(), weeks: WEEKS_AHEAD, collect: false })
      .then((result) => {
        if (result.createdCount > 0) console.log(`[journal] lessons generated from ${result.weekStartsOn}: ${result.createdCount}`);
      })
      .catch((error: unknown) => console.error("[journal] lesson generation failed", error))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
