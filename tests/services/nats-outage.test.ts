/**
 * A database outage is not a broken event (issue 17: with NATS_MAX_DELIVER=3, events failing only because
 * PostgreSQL was down were parked as dead letters and their notices never made). While the handler fails
 * because the database is unreachable the consumer holds the event and tries again, using none of its
 * deliveries; it resumes as soon as the database answers. An event failing for its own reasons is still
 * parked after NATS_MAX_DELIVER deliveries. Runs against the local NATS (NATS_TEST_URL), in `npm run test:pg`.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { connect } from "nats";
import { afterAll, afterEach, expect, it } from "vitest";
import type { EventEnvelope } from "../../shared/events/bus.js";
import { NatsBus } from "../../shared/events/nats-bus.js";

const URL = process.env.NATS_TEST_URL ?? "nats://127.0.0.1:4222";
const suffix = randomBytes(4).toString("hex");
const STREAM = `TEST_OUTAGE_${suffix}`;
const PREFIX = `test_outage_${suffix}`;
const logged: string[] = [];
let bus: NatsBus | undefined;

afterEach(async () => {
  await bus?.close();
  bus = undefined;
});
afterAll(async () => {
  const nc = await connect({ servers: URL });
  try {
    await (await nc.jetstreamManager()).streams.delete(STREAM).catch(() => undefined);
  } finally {
    await nc.close();
  }
});

const envelope = (topic: string): EventEnvelope => ({
  id: randomUUID(),
  topic,
  source: "test",
  occurredAt: new Date().toISOString(),
  payload: {},
});
/** What the pg driver throws while the server is unreachable. */
const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

async function waitFor(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(20);
  }
}

it(
  "an outage longer than the retry budget: the event waits, is handled once, and is never a dead letter",
  { timeout: 30_000 },
  async () => {
    bus = await NatsBus.connect(URL, {
      stream: STREAM,
      subjectPrefix: PREFIX,
      maxDeliver: 2,
      retryDelayMs: 20,
      logger: (m) => logged.push(m),
    });
    let calls = 0;
    let handled = 0;
    let databaseUp = false;
    bus.subscribe("journal.grade.recorded", "outage", async () => {
      calls++;
      if (!databaseUp) throw refused();
      handled++;
    });
    await bus.ready();
    await bus.publish(envelope("journal.grade.recorded"));
    // Many more failures than the two deliveries allowed.
    await waitFor("five failed tries", () => calls >= 5);
    databaseUp = true;
    const back = performance.now();
    await waitFor("the event handled", () => handled === 1);
    console.log(
      `nats outage: handled ${Math.round(performance.now() - back)} ms after the database came back, after ${calls - 1} failed tries`,
    );
    await sleep(300);
    expect(handled).toBe(1);
    expect(logged.filter((line) => line.includes("parked"))).toEqual([]);
    expect(logged.filter((line) => line.includes("consumption paused"))).toHaveLength(1);
  },
);

it("an event that fails for its own reasons is still parked after its deliveries", { timeout: 30_000 }, async () => {
  bus = await NatsBus.connect(URL, {
    stream: STREAM,
    subjectPrefix: PREFIX,
    maxDeliver: 2,
    retryDelayMs: 20,
    logger: (m) => logged.push(m),
  });
  let calls = 0;
  bus.subscribe("journal.attendance.recorded", "broken", async () => {
    calls++;
    throw new Error("payload the consumer cannot use");
  });
  await bus.ready();
  const event = envelope("journal.attendance.recorded");
  await bus.publish(event);
  await waitFor("the dead letter", () => logged.some((line) => line.includes(`parked event ${event.id}`)));
  expect(calls).toBe(2);
});
