/**
 * One claimant per background job run across instances (issue 17: two journal instances anonymised the same
 * person at once, and lesson generation logged a unique violation). Two instances on one PostgreSQL database,
 * each with its own connection pool as two processes would have: a run that finds the other's under way
 * skips with one quiet line; the lock goes with the run. On SQLite (one process's file) every run runs.
 */
import type { MikroORM } from "@mikro-orm/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../../shared/db/database.js";
import { PeriodicJob } from "../../../shared/jobs/periodic-job.js";
import { testDatabaseUrl, usingPostgres } from "../../support/database.js";

let first: MikroORM;
let second: MikroORM;

beforeAll(async () => {
  const url = testDatabaseUrl("jobs");
  first = await openDatabase({ name: "jobs", entities: [], url });
  second = usingPostgres() ? await openDatabase({ name: "jobs", entities: [], url }) : first;
});
afterAll(async () => {
  await first?.close();
  if (second !== first) await second?.close();
});

/** A job whose run takes a while and counts how often it ran, anywhere. */
class SlowJob extends PeriodicJob<number> {
  static runs = 0;
  readonly lines: string[] = [];

  constructor(orm: MikroORM) {
    super(0, { orm, name: "test.slow-job", log: (line) => this.lines.push(line) });
  }

  protected async work(): Promise<number> {
    SlowJob.runs++;
    await new Promise((resolve) => setTimeout(resolve, 400));
    return 1;
  }

  protected failed(): number {
    return -1;
  }

  protected override skipped(): number {
    return 0;
  }
}

describe("two instances of one job", () => {
  it.runIf(usingPostgres())("PostgreSQL: started together, one runs and the other skips with one line", async () => {
    SlowJob.runs = 0;
    const [a, b] = [new SlowJob(first), new SlowJob(second)];
    const results = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(results.sort()).toEqual([0, 1]);
    expect(SlowJob.runs).toBe(1);
    const lines = [...a.lines, ...b.lines];
    expect(lines).toEqual(["[test.slow-job] another instance is running this job; skipped"]);
    // The lock ended with the run: the next tick on either instance runs.
    expect(await b.runOnce()).toBe(1);
    expect(await a.runOnce()).toBe(1);
    expect(SlowJob.runs).toBe(3);
  });

  it.runIf(!usingPostgres())("SQLite: every run runs (one process owns the file)", async () => {
    SlowJob.runs = 0;
    const job = new SlowJob(first);
    expect(await job.runOnce()).toBe(1);
    expect(job.lines).toEqual([]);
  });
});
