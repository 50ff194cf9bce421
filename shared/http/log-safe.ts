/**
 * What an error may say in a log line. A driver error's message holds the failed statement with its bound
 * values (a phone, a name, a reason), and so may a bug's message built from data; neither may reach a log.
 * A line keeps the error's class, its machine code (SQLITE_CONSTRAINT, 23505) and the stack frames, which
 * are enough to find the place in the code, and drops every message.
 */

const FRAME = /^\s+at /;
const SAFE_CODE = /^[A-Za-z0-9_.-]{1,40}$/;

/** One error as a log line: class, code and stack frames, never its message or SQL. Follows `cause`s. */
export function safeErrorSummary(error: unknown, depth = 0): string {
  if (!(error instanceof Error)) return `non-error ${typeof error}`;
  const named = error.constructor?.name || error.name || "Error";
  const code = (error as { code?: unknown }).code;
  const head = typeof code === "string" || typeof code === "number" ? `${named} code=${SAFE_CODE.test(String(code)) ? code : "?"}` : named;
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => FRAME.test(line))
    .slice(0, 8)
    .map((line) => line.trimEnd());
  const cause = (error as { cause?: unknown; originalError?: unknown }).cause ?? (error as { originalError?: unknown }).originalError;
  const tail = cause && cause !== error && depth < 3 ? `\n  caused by ${safeErrorSummary(cause, depth + 1)}` : "";
  return [head, ...frames].join("\n") + tail;
}

/** console.error with the error reduced to its safe summary: the only way runtime code logs a failure. */
export function logError(label: string, error: unknown): void {
  console.error(`${label} ${safeErrorSummary(error)}`);
}
