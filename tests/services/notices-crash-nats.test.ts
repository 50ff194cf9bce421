/**
 * Done when, on NATS JetStream (services suite: `npm run test:pg`; CI starts NATS and PostgreSQL when they
 * are down): recording 5-A's marks notifies every consenting guardian exactly once, in their language,
 * though the process is SIGKILLed three times in the middle and restarted:
 * - after the journal committed and before its relay published (the outbox keeps the events);
 * - after the stream stored an event and before the relay marked it published (the relay sends it again
 *   with the same Nats-Msg-Id and the server drops the copy);
 * - after notifications committed a notice and before it acked the message (JetStream redelivers it after
 *   the ack wait to the restarted durable consumer; processed_events makes it a no-op).
 * The system runs in a child process on PostgreSQL databases of its own, with a stream of its own.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { connect } from "nats";
import { afterAll, describe, expect, it } from "vitest";
import { runFiveAScenario } from "../support/crash/five-a.js";
import { testDatabaseUrl } from "../support/database.js";

const NATS_URL = process.env.NATS_TEST_URL ?? "nats://127.0.0.1:4222";
const suffix = randomBytes(4).toString("hex");
const STREAM = `TEST_NOTICES_${suffix}`;
const dirs: string[] = [];

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  const nc = await connect({ servers: NATS_URL });
  try {
    await (await nc.jetstreamManager()).streams.delete(STREAM).catch(() => undefined);
  } finally {
    await nc.close();
  }
});

describe("notices survive crashes (NATS JetStream)", () => {
  it(
    "kill before publish, after publish, between consume and ack: every consenting guardian once, in their language",
    { timeout: 400_000 },
    async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), "emaktab-crash-nats-"));
      dirs.push(dataDir);
      const databases = Object.fromEntries(
        ["users", "institutions", "journal", "notifications"].map((n) => [`${n.toUpperCase()}_DATABASE_URL`, testDatabaseUrl(n)]),
      );
      const result = await runFiveAScenario({
        label: "nats",
        env: {
          DATA_DIR: dataDir,
          ...databases,
          NATS_URL,
          NATS_STREAM: STREAM,
          NATS_SUBJECT_PREFIX: `test_notices_${suffix}`,
          // A consumer killed before its ack gets the event back after this long.
          NATS_ACK_WAIT_MS: "2000",
        },
        crashes: [
          "before-publish:journal.grade.recorded:3",
          "after-publish:journal.grade.recorded:8",
          "after-handle:journal.grade.recorded:5",
        ],
      });
      expect(result.exits.map((e) => e.signal)).toEqual(["SIGKILL", "SIGKILL", "SIGKILL", null]);
      for (const exit of result.exits)
        console.log(
          `[crash test] ${exit.crashAt || "clean run"}: ${exit.signal ?? `exit ${exit.code}`}${exit.report ? `, ${exit.report}` : ""}`,
        );
      console.log(`[crash test] ${result.grades} marks, ${result.notices} notices, each once`);
      expect(result.grades).toBeGreaterThanOrEqual(25);
      expect(result.notices).toBeGreaterThanOrEqual(result.grades);
    },
  );
});
