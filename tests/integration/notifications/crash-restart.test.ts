/**
 * Done when, on the in-process bus (the embedded default): recording 5-A's marks notifies every
 * consenting guardian exactly once, in their language, though the process is SIGKILLed twice in the
 * middle and restarted: once after the journal committed and before its relay published (the outbox keeps
 * the events), once after notifications committed a notice and before the bus acknowledged it (the relay
 * publishes again; processed_events turns the repeat into nothing). The system runs in a child process on
 * SQLite files (PostgreSQL under test:pg), as `npm start` runs it.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runFiveAScenario } from "../../support/crash/five-a.js";
import { testDatabaseUrl, usingPostgres } from "../../support/database.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("notices survive crashes (in-process bus)", () => {
  it(
    "kill between commit and publish, kill between consume and ack: every consenting guardian once, in their language",
    { timeout: 300_000 },
    async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), "emaktab-crash-"));
      dirs.push(dataDir);
      const databases = usingPostgres()
        ? Object.fromEntries(
            ["users", "institutions", "journal", "notifications"].map((n) => [`${n.toUpperCase()}_DATABASE_URL`, testDatabaseUrl(n)]),
          )
        : {};
      const result = await runFiveAScenario({
        label: "in-process",
        env: { DATA_DIR: dataDir, ...databases },
        crashes: ["before-publish:journal.grade.recorded:6", "after-handle:journal.grade.recorded:10"],
      });
      expect(result.exits.map((e) => e.signal)).toEqual(["SIGKILL", "SIGKILL", null]);
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
