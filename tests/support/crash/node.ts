/**
 * Test entry for the crash tests, run by tsx as a child process: the whole system as `npm start` runs it
 * (gateway, four subgraphs, outbox relays, the bus from the environment: in-process, or NATS JetStream
 * with NATS_URL), on the databases the environment names (SQLite files under DATA_DIR, or PostgreSQL), the
 * demo world seeded on first start. CRASH_AT (read here only) makes the bus kill the process at one step.
 *
 * Prints, one line each: `READY <json>` (gateway URL, and the 5-A ids the test needs), then `STATE <json>`
 * whenever the pipeline's progress changes: outbox events of the topics notifications consumes, how many
 * are not yet published, and how many notifications has not yet processed.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { clockFrom, setClock } from "../../../shared/clock.js";
import { loadConfig } from "../../../shared/config.js";
import { tashkentDay } from "../../../shared/days.js";
import { createBus } from "../../../shared/events/create-bus.js";
import { OutboxEvent } from "../../../shared/events/outbox-event.entity.js";
import { ProcessedEvent } from "../../../shared/events/processed-event.entity.js";
import { startSystem, type System } from "../../../scripts/lib/system.js";
import { SchoolClass, Subject } from "../../../subgraphs/institutions/entities/index.js";
import { Grade, Lesson, RosterEntry } from "../../../subgraphs/journal/entities/index.js";
import { CrashingBus, parseCrashPoint } from "./crash-bus.js";

/** The topics whose handling the test waits for. */
export const WATCHED_TOPICS = ["users.guardianship.changed", "users.profile.changed", "journal.grade.recorded"];

export interface ReadyInfo {
  gateway: string;
  classId: string;
  lessonId: string;
  studentIds: string[];
}

export interface PipelineState {
  events: number;
  unpublished: number;
  unprocessed: number;
}

async function fiveA(system: System): Promise<Omit<ReadyInfo, "gateway">> {
  const institutions = system.orms.institutions.em.fork();
  const cls = await institutions.findOneOrFail(SchoolClass, { name: "5-A" });
  const maths = await institutions.findOneOrFail(Subject, { nameLatn: "Matematika" });
  const journal = system.orms.journal.em.fork();
  // Marks go on lessons that have taken place (today or before).
  const lessons = await journal.find(
    Lesson,
    { classId: cls.id, subjectId: maths.id, date: { $lte: tashkentDay() } },
    { orderBy: { date: "desc", period: "desc" } },
  );
  const graded = new Set(
    (await journal.find(Grade, { kind: "CURRENT", lessonId: { $in: lessons.map((l) => l.id) } }, { fields: ["lessonId"] })).map(
      (g) => g.lessonId,
    ),
  );
  const lesson = lessons.find((l) => !graded.has(l.id)) ?? lessons[0]!;
  const roster = await journal.find(RosterEntry, { classId: cls.id, endsOn: null }, { orderBy: { studentId: "asc" } });
  return { classId: cls.id, lessonId: lesson.id, studentIds: roster.map((r) => r.studentId) };
}

async function state(system: System): Promise<PipelineState> {
  const sources = [system.orms.users, system.orms.journal];
  const events = (await Promise.all(sources.map((orm) => orm.em.fork().find(OutboxEvent, { topic: { $in: WATCHED_TOPICS } })))).flat();
  const processed = await system.orms.notifications.em
    .fork()
    .count(ProcessedEvent, { consumer: "notifications", eventId: { $in: events.map((e) => e.id) } });
  return { events: events.length, unpublished: events.filter((e) => !e.publishedAt).length, unprocessed: events.length - processed };
}

// The parent test's clock (tests/support/clock.ts), so the child lives on the same day and hour.
if (process.env.TEST_NOW) setClock(clockFrom(process.env.TEST_NOW));
const config = loadConfig(process.env);
const inner = await createBus(config, "crash-test");
const bus = process.env.CRASH_AT ? new CrashingBus(inner, parseCrashPoint(process.env.CRASH_AT)) : inner;
const system = await startSystem({ config, ephemeral: true, seedDemoWhenEmpty: true, bus, log: (m) => process.stderr.write(`${m}\n`) });
process.stdout.write(`READY ${JSON.stringify({ gateway: system.gatewayUrl, ...(await fiveA(system)) } satisfies ReadyInfo)}\n`);

let stopping = false;
async function watch(): Promise<void> {
  let last = "";
  while (!stopping) {
    try {
      const now = JSON.stringify(await state(system));
      if (now !== last) process.stdout.write(`STATE ${now}\n`);
      last = now;
    } catch (error) {
      process.stderr.write(`state: ${String(error)}\n`);
    }
    await sleep(100);
  }
}
const watching = watch();
process.on("SIGTERM", () => {
  stopping = true;
  void watching.then(() => system.stop()).then(() => process.exit(0));
});
