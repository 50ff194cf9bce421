/**
 * Smoke test of `npm start` on a fresh data folder: waits for /health, signs in as demo-parent,
 * reads the child's grades through the gateway, then stops the process with SIGINT and expects a clean exit.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

const port = 4600 + Math.floor(Math.random() * 300);
const dataDir = await mkdtemp(path.join(tmpdir(), "emaktab-smoke-"));
const base = `http://127.0.0.1:${port}`;
const started = Date.now();
const child = spawn("npm", ["start"], {
  env: { ...process.env, PORT: String(port), DATA_DIR: dataDir },
  stdio: ["ignore", "pipe", "pipe"],
  detached: false,
});
let output = "";
child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));

function fail(message: string): never {
  console.error(`SMOKE FAILED: ${message}\n--- output ---\n${output}`);
  child.kill("SIGKILL");
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
console.log(`healthy after ${Date.now() - started} ms`);
const signIn = await post({
  query: 'mutation { signIn(login: "demo-parent", password: "demo-password") { accessToken user { login } } }',
});
const token = signIn?.data?.signIn?.accessToken as string | undefined;
if (!token) fail(`sign-in failed: ${JSON.stringify(signIn)}`);
const me = await post({ query: "{ me { login children { fullName grades { value subject { name } } } } }" }, token);
const grades = me?.data?.me?.children?.[0]?.grades ?? [];
if (me.errors || grades.length === 0) fail(`query failed: ${JSON.stringify(me).slice(0, 500)}`);
console.log(`demo-parent sees ${grades.length} grades of ${me.data.me.children[0].fullName}`);

child.kill("SIGINT");
const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
await rm(dataDir, { recursive: true, force: true });
if (code !== 0) fail(`npm start exited with ${code} after SIGINT`);
console.log("smoke test passed: 1 passed, 0 failed");
