/**
 * `npm run seed -- --schools N` makes a world people can sign in to (benchmarks need real sessions):
 * every account of it has the demo password unless --password says otherwise.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSigningKeys } from "../../shared/auth/keys.js";
import { loadConfig } from "../../shared/config.js";
import { startSystem, type System } from "../../scripts/lib/system.js";
import { PasswordCredential, User } from "../../subgraphs/users/entities/index.js";
import { codes, doc, gql } from "../support/client.js";

const SIGN_IN = doc("sign-in");

let dataDir: string;
let system: System;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "emaktab-large-"));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  for (const name of ["DEMO_PASSWORD", "DATABASE_URL", "NODE_ENV"]) delete env[name];
  const seed = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/seed.ts", "--schools", "2", "--classes-per-school", "1", "--students-per-class", "3"],
    { env, encoding: "utf8", timeout: 60_000 },
  );
  expect(seed.status, `${seed.stdout}\n${seed.stderr}`).toBe(0);
  system = await startSystem({ config: loadConfig({ DATA_DIR: dataDir }), ephemeral: true, keys: await generateSigningKeys() });
});
afterAll(async () => {
  await system?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("the large world", () => {
  it("gives every account a password credential, all sharing one hash", async () => {
    const em = system.orms.users.em.fork();
    const users = await em.count(User, {});
    const credentials = await em.find(PasswordCredential, {});
    expect(users).toBeGreaterThan(20);
    expect(credentials).toHaveLength(users);
    expect(new Set(credentials.map((c) => c.hash)).size).toBe(1);
    expect(credentials[0]!.hash).toMatch(/^scrypt\$/);
  });

  it("lets a student, a parent, a teacher, a principal and an official sign in with demo-password", async () => {
    const em = system.orms.users.em.fork();
    for (const role of ["STUDENT", "PARENT", "TEACHER", "SCHOOL_ADMIN", "DISTRICT_OFFICIAL", "REGION_OFFICIAL"]) {
      const [user] = await em.find(User, { role: role as User["role"] }, { orderBy: { login: "asc" }, limit: 1 });
      if (!user) throw new Error(`no ${role} in the large world`);
      const res = await gql(system.gatewayUrl, SIGN_IN, { login: user.login, password: "demo-password" });
      expect(res.errors, `${role} ${user.login}`).toBeUndefined();
      expect(res.data.signIn.user.login).toBe(user.login);
      const me = await gql(system.gatewayUrl, "{ me { id role } }", {}, { token: res.data.signIn.accessToken });
      expect(me.data.me).toEqual({ id: user.id, role });
    }
    const someone = (await em.find(User, {}, { orderBy: { login: "asc" }, limit: 1 }))[0]!;
    const wrong = await gql(system.gatewayUrl, SIGN_IN, { login: someone.login, password: "nope" });
    expect(codes(wrong)).toEqual(["UNAUTHENTICATED"]);
  });
});
