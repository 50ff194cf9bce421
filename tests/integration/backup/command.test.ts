/**
 * `npm run backup`: every subgraph's database copied while it is open, and the copy restores to the same
 * rows. Embedded SQLite under `npm test`; PostgreSQL (pg_dump → pg_restore into a fresh database) under
 * `npm run test:pg`. A bad argument or an unreachable database exits non-zero.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { MikroORM } from "@mikro-orm/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUBGRAPHS, type SubgraphName } from "../../../shared/config.js";
import { openDatabase } from "../../../shared/db/database.js";
import { backupCommand } from "../../../scripts/lib/backup-command.js";
import { SUBGRAPH_MODULES } from "../../../subgraphs/index.js";
import { Grade } from "../../../subgraphs/journal/entities/index.js";
import { User } from "../../../subgraphs/users/entities/index.js";
import { testDatabaseUrl, usingPostgres } from "../../support/database.js";

const run = promisify(execFile);
let dataDir: string;
const urls = {} as Record<SubgraphName, string | undefined>;
const orms = {} as Record<SubgraphName, MikroORM>;
const personId = randomUUID();

const env = (): NodeJS.ProcessEnv => {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.endsWith("DATABASE_URL") && key !== "NODE_ENV"));
  const pg = Object.fromEntries(SUBGRAPHS.flatMap((name) => (urls[name] ? [[`${name.toUpperCase()}_DATABASE_URL`, urls[name]!]] : [])));
  return { ...clean, ...pg, DATA_DIR: dataDir };
};

async function backup(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await backupCommand(args, env(), { log: (m) => out.push(m), error: (m) => err.push(m) });
  return { code, out, err };
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "emaktab-backup-"));
  for (const module of SUBGRAPH_MODULES) {
    urls[module.name] = usingPostgres() ? testDatabaseUrl(`backup_${module.name}`) : undefined;
    orms[module.name] = await openDatabase({
      name: module.name,
      entities: module.entities,
      url: urls[module.name],
      dataDir,
      migrations: module.migrations,
    });
  }
  // Something in two of the databases to find again in the copies.
  await orms.users.em
    .fork()
    .insert(User, { id: personId, login: "backup-person", role: "STUDENT", fullName: "Qodirova Malika", createdAt: new Date() });
  await orms.journal.em.fork().insert(Grade, {
    id: randomUUID(),
    studentId: personId,
    classId: randomUUID(),
    subjectId: randomUUID(),
    kind: "CURRENT",
    value: 5,
    date: "2026-11-20",
    recordedAt: new Date(),
  });
});
afterAll(async () => {
  for (const orm of Object.values(orms)) await orm?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Opens a backup as a database of its own: the SQLite copy directly, a dump restored into a fresh database. */
async function restored(name: SubgraphName, file: string): Promise<MikroORM> {
  const module = SUBGRAPH_MODULES.find((m) => m.name === name)!;
  if (!file.endsWith(".dump")) return openDatabase({ name, entities: module.entities, url: file });
  const target = testDatabaseUrl(`restore_${name}`);
  const admin = new URL(target);
  admin.pathname = "/postgres";
  await run("psql", ["--dbname", admin.toString(), "--quiet", "--command", `create database "${new URL(target).pathname.slice(1)}"`]);
  await run("pg_restore", ["--no-owner", "--exit-on-error", "--dbname", target, file]);
  return openDatabase({ name, entities: module.entities, url: target, migrations: module.migrations });
}

describe("npm run backup", () => {
  it("copies every subgraph's database while it is open; the copies hold the same rows", async () => {
    const out = path.join(dataDir, "copy");
    const result = await backup(["--out", out]);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out.map((line) => line.split(":")[0])).toEqual([...SUBGRAPHS]);

    const ext = usingPostgres() ? "dump" : "db";
    const users = await restored("users", path.join(out, `users.${ext}`));
    const journal = await restored("journal", path.join(out, `journal.${ext}`));
    try {
      expect((await users.em.fork().findOneOrFail(User, personId)).fullName).toBe("Qodirova Malika");
      expect(await journal.em.fork().count(Grade, { studentId: personId })).toBe(1);
      expect(await users.em.fork().count(User)).toBe(await orms.users.em.fork().count(User));
    } finally {
      await users.close();
      await journal.close();
    }
  });

  it("a bad argument exits 2 with the usage; an unreachable database exits 1 and says which step failed", async () => {
    expect((await backup(["--bogus"])).code).toBe(2);
    const saved = urls.institutions;
    urls.institutions = "postgres://postgres@127.0.0.1:1/nowhere";
    try {
      const failed = await backup(["--out", path.join(dataDir, "broken")]);
      expect(failed.code).toBe(1);
      expect(failed.err.join("\n")).toMatch(/^Backup failed: /);
    } finally {
      urls.institutions = saved;
    }
  });
});
