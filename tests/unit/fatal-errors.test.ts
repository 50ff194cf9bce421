/**
 * A process that dies of an error nobody caught says so in its log first (issue 17: a gateway process died
 * once with nothing in its log): one line naming the service and the kind of death, without the error's
 * message (it may carry a value), then exit code 1.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const helper = fileURLToPath(new URL("../../shared/http/fatal-errors.ts", import.meta.url));
const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

function die(how: string): { status: number | null; lines: Array<Record<string, unknown>> } {
  const script = `import { logFatalErrors } from ${JSON.stringify(helper)}; logFatalErrors("journal"); ${how}`;
  const run = spawnSync(tsx, ["--eval", script], { encoding: "utf8", timeout: 20_000 });
  const lines = run.stderr
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { status: run.status, lines };
}

describe("fatal errors are logged before the process ends", () => {
  it("an unhandled rejection", () => {
    const { status, lines } = die(`void Promise.reject(new Error("PINFL 31234567890123 in a message"));`);
    expect(status).toBe(1);
    expect(lines[0]).toMatchObject({ level: "fatal", service: "journal", event: "unhandledRejection" });
    expect(JSON.stringify(lines)).not.toContain("31234567890123");
    expect(lines.at(-1)).toMatchObject({ event: "exit", code: 1 });
  });

  it("an uncaught exception", () => {
    const { status, lines } = die(`setTimeout(() => { throw new TypeError("boom"); }, 1);`);
    expect(status).toBe(1);
    expect(lines[0]).toMatchObject({ level: "fatal", service: "journal", event: "uncaughtException" });
    expect(String(lines[0]!.error)).toMatch(/^TypeError/);
  });
});
