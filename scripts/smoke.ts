/**
 * Smoke test of `npm start` on a fresh data folder: waits for /health, signs in as demo-parent,
 * reads the child's grades through the gateway, then stops the process with SIGINT and expects a clean exit.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { nowMs } from "../shared/clock.js";

const port = 4600 + Math.floor(Math.random() * 300);
const dataDir = await mkdtemp(path.join(tmpdir(), "emaktab-smoke-"));
const base = `http://127.0.0.1:${port}`;
const started = performance.now();
const child = spawn("npm", ["start"], {
  env: { ...process.env, PORT: String(port), DATA_DIR: dataDir },
  stdio: ["ignore", "pipe", "pipe"],
  // Its own process group, so SIGINT reaches npm, tsx and node together, as Ctrl-C in a terminal does.
  detached: true,
});
let output = "";
child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));

function fail(message: string): never {
  console.error(`SMOKE FAILED: ${message}\n--- output ---\n${output}`);
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // already gone
  }
  process.exit(1);
}

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      const response = await fetch(`${base}/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  fail("the gateway did not become healthy within 60 s");
}

async function post(body: unknown, token?: string): Promise<any> {
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return response.json();
}

await waitForHealth();
console.log(`healthy after ${performance.now() - started} ms`);
const signIn = await post({
  query: 'mutation { signIn(login: "demo-parent", password: "demo-password") { accessToken user { login } } }',
});
const token = signIn?.data?.signIn?.accessToken as string | undefined;
if (!token) fail(`sign-in failed: ${JSON.stringify(signIn)}`);
const me = await post({ query: "{ me { login children { fullName grades { value subject { name } } } } }" }, token);
const grades = me?.data?.me?.children?.[0]?.grades ?? [];
if (me.errors || grades.length === 0) fail(`query failed: ${JSON.stringify(me).slice(0, 500)}`);
console.log(`demo-parent sees ${grades.length} grades of ${me.data.me.children[0].fullName}`);

process.kill(-child.pid!, "SIGINT");
const stoppedAt = nowMs();
// npm itself ends by the signal (code null); the app below it must have shut down cleanly and freed the port.
const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) =>
  child.on("exit", (code, signal) => resolve({ code, signal })),
);
await rm(dataDir, { recursive: true, force: true });
if (!(exit.code === 0 || exit.signal === "SIGINT")) fail(`npm start ended with code ${exit.code}, signal ${exit.signal}`);
if (/Error|at .*\.ts:\d+/.test(output.split("stopping")[1] ?? "")) fail("errors while stopping");
const stillUp = await fetch(`${base}/health`).then(
  () => true,
  () => false,
);
if (stillUp) fail("the gateway still answers after SIGINT");
// npm may exit before the tsx and node processes under it: wait for the whole group to be gone.
const groupAlive = (): boolean => {
  try {
    process.kill(-child.pid!, 0);
    return true;
  } catch {
    return false;
  }
};
for (let i = 0; i < 50 && groupAlive(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
if (groupAlive()) fail("processes of npm start were still running 5 s after it exited");
console.log(`stopped cleanly in ${nowMs() - stoppedAt} ms`);
console.log("smoke test passed: 1 passed, 0 failed");
