/**
 * Runs tests/support/crash/node.ts as a child process and follows its output: READY, STATE lines, CRASH, exit.
 * Started with `node --import tsx`, so the child is one process: its own SIGKILL ends it, nothing survives.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { now } from "../../../shared/clock.js";
import { fileURLToPath } from "node:url";
import type { PipelineState, ReadyInfo } from "./node.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class NodeProcess {
  readonly exited: Promise<Exit>;
  private readonly states: PipelineState[] = [];
  private readonly waiters: Array<() => void> = [];
  private output = "";
  private readyInfo?: ReadyInfo;
  private exit?: Exit;
  /** What the crash point said as it struck (which step, which event). */
  crashReport?: string;

  private constructor(
    private readonly child: ChildProcess,
    readonly label: string,
  ) {
    let pending = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      pending += chunk.toString();
      let newline: number;
      while ((newline = pending.indexOf("\n")) >= 0) {
        this.line(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) =>
      child.on("exit", (code, signal) => {
        this.exit = { code, signal };
        this.wake();
        resolve(this.exit);
      }),
    );
  }

  /** Starts a node with `env` on top of this process's environment (minus anything naming a crash point). */
  static start(label: string, env: Record<string, string>): NodeProcess {
    const { CRASH_AT: _ignored, ...inherited } = process.env;
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/crash/node.ts"], {
      cwd: ROOT,
      env: { ...inherited, TEST_NOW: now().toISOString(), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return new NodeProcess(child, label);
  }

  private line(text: string): void {
    this.output += `${text}\n`;
    if (text.startsWith("READY ")) this.readyInfo = JSON.parse(text.slice(6)) as ReadyInfo;
    if (text.startsWith("STATE ")) this.states.push(JSON.parse(text.slice(6)) as PipelineState);
    if (text.startsWith("CRASH ")) this.crashReport = text.slice(6);
    this.wake();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Resolves when `check` holds; rejects on timeout or when the process exits first. */
  private async until<T>(what: string, check: () => T | undefined, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      if (this.exit) throw new Error(`${this.label}: exited (${JSON.stringify(this.exit)}) before ${what}\n${this.tail()}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.label}: timed out waiting for ${what}\n${this.tail()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  ready(timeoutMs = 120_000): Promise<ReadyInfo> {
    return this.until("READY", () => this.readyInfo, timeoutMs);
  }

  /** The first reported state (from now on, or already reported) for which `check` holds. */
  state(what: string, check: (state: PipelineState) => boolean, timeoutMs = 60_000): Promise<PipelineState> {
    return this.until(what, () => this.states.find(check), timeoutMs);
  }

  /** Waits for the process to end on its own (a crash point); rejects if it does not in time. */
  async crashed(timeoutMs = 60_000): Promise<Exit> {
    return this.until("its crash", () => this.exit, timeoutMs);
  }

  /** SIGTERM (a clean stop) and the exit. */
  async stop(): Promise<Exit> {
    if (!this.exit) this.child.kill("SIGTERM");
    return this.exited;
  }

  /** Last lines of the output, for failure messages. */
  tail(lines = 40): string {
    return this.output.split("\n").slice(-lines).join("\n");
  }
}
