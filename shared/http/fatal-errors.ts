/**
 * The last words of a process. An error nothing caught, or a promise rejected with nobody listening, would
 * otherwise end the process with at most Node's own trace on stderr (once, a gateway died with nothing in its
 * log); here it is logged as one line naming the service and what happened, then the process exits with 1
 * so a supervisor restarts it. The error's message is left out: it may carry a value (an SQL parameter).
 */
export type FatalLog = (line: string) => void;

/** The error's class and where it was thrown, without its message. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const frames = (error.stack ?? "").split("\n").filter((line) => line.trimStart().startsWith("at "));
  return [error.name, ...frames.slice(0, 8).map((frame) => frame.trim())].join(" | ");
}

/** Installs the handlers once per process; `log` defaults to stderr. */
export function logFatalErrors(service: string, log: FatalLog = (line) => process.stderr.write(`${line}\n`)): void {
  const fatal = (kind: string) => (error: unknown) => {
    log(JSON.stringify({ level: "fatal", service, event: kind, error: describe(error) }));
    process.exit(1);
  };
  process.on("uncaughtException", fatal("uncaughtException"));
  process.on("unhandledRejection", fatal("unhandledRejection"));
  process.on("exit", (code) => log(JSON.stringify({ level: code === 0 ? "info" : "error", service, event: "exit", code })));
}
