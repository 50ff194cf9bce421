/** A failed statement's SQL and bound values never reach a log line (shared/http/log-safe.ts). */
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatClientError } from "../../shared/http/error-format.js";
import { safeErrorSummary } from "../../shared/http/log-safe.js";

/** What a driver error looks like: the statement and its values in the message, a code beside it. */
class DriverException extends Error {
  code = "SQLITE_CONSTRAINT";
}
const PHONE = "+998901234567";
const driverError = () =>
  new DriverException(`insert into "users" ("phone", "full_name") values ('${PHONE}', 'Karimova Dilnoza') - UNIQUE constraint failed`);

afterEach(() => vi.restoreAllMocks());

describe("safeErrorSummary", () => {
  it("keeps the class, the code and the stack frames, and drops the message with its SQL and values", () => {
    const summary = safeErrorSummary(driverError());
    expect(summary).toMatch(/^DriverException code=SQLITE_CONSTRAINT\n\s+at /);
    expect(summary).not.toMatch(/insert|users|Karimova|998901234567/);
  });

  it("follows the cause, again without messages", () => {
    const wrapped = new Error("request failed for Karimova", { cause: driverError() });
    const summary = safeErrorSummary(wrapped);
    expect(summary).toContain("caused by DriverException code=SQLITE_CONSTRAINT");
    expect(summary).not.toMatch(/Karimova|998901234567/);
  });
});

describe("formatClientError", () => {
  it("answers INTERNAL_SERVER_ERROR and logs the error without its SQL or values", () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    const formatted = formatClientError({ message: driverError().message, path: ["user"] }, { originalError: driverError() });
    expect(formatted).toEqual({ message: "Internal error", path: ["user"], extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain("DriverException");
    expect(logged[0]).not.toMatch(/insert|Karimova|998901234567/);
  });
});
