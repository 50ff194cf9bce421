/**
 * `npm run retention` on the embedded databases (SQLite files under DATA_DIR, as `npm start` keeps
 * them): --dry-run prints the plan and leaves every file as it was; the real run (the script itself, in
 * its own process) carries it out; bad arguments and an unreadable database end with a non-zero exit.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { MikroORM } from "@mikro-orm/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccessRecord } from "../../../shared/audit/access-record.entity.js";
import type { SubgraphName } from "../../../shared/config.js";
import { openDatabase } from "../../../shared/db/database.js";
import { RetentionSchedule } from "../../../shared/privacy/retention-schedule.entity.js";
import { retentionCommand } from "../../../scripts/lib/retention-command.js";
import { SUBGRAPH_MODULES } from "../../../subgraphs/index.js";
import { Notification } from "../../../subgraphs/notifications/entities/index.js";
import { PasswordCredential, User } from "../../../subgraphs/users/entities/index.js";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");
let dataDir: string;
const person = randomUUID();

/** The child's environment: our data folder, and no database URL that would send the command elsewhere. */
function env(): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.endsWith("DATABASE_URL") && key !== "NODE_ENV"));
  return { ...clean, DATA_DIR: dataDir };
}

/** The command in this process, its output captured. */
async function inProcess(args: string[], dir = dataDir): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await retentionCommand(args, { ...env(), DATA_DIR: dir }, { log: (m) => stdout.push(m), error: (m) => stderr.push(m) });
  return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
}

/** The script as `npm run retention` starts it. */
async function asScript(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, ["scripts/retention.ts", ...args], { env: env(), timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

async function withDatabases<T>(work: (orms: Record<SubgraphName, MikroORM>) => Promise<T>): Promise<T> {
  const orms = {} as Record<SubgraphName, MikroORM>;
  try {
    for (const module of SUBGRAPH_MODULES) {
      orms[module.name] = await openDatabase({ name: module.name, entities: module.entities, dataDir });
    }
    return await work(orms);
  } finally {
    for (const orm of Object.values(orms)) await orm.close();
  }
}

/** What the command may change: the person's account, notices and schedules, and the old access record. */
const state = () =>
  withDatabases(async (orms) =>
    JSON.stringify({
      user: await orms.users.em.fork().findOne(User, { id: person }),
      credentials: await orms.users.em.fork().count(PasswordCredential, { userId: person }),
      notices: await orms.notifications.em.fork().count(Notification, { studentId: person }),
      schedules: await Promise.all(SUBGRAPH_MODULES.map((m) => orms[m.name].em.fork().find(RetentionSchedule, { subjectId: person }))),
      audit: await orms.journal.em.fork().count(AccessRecord, {}),
    }),
  );

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "emaktab-retention-"));
  await withDatabases(async (orms) => {
    for (const module of SUBGRAPH_MODULES) {
      const em = orms[module.name].em.fork();
      em.persist(em.create(RetentionSchedule, { subjectId: person, reason: "LEFT_SCHOOL", dueOn: "2027-09-01" }));
      await em.flush();
    }
    const users = orms.users.em.fork();
    users.persist(users.create(User, { id: person, login: "leaver", role: "STUDENT", fullName: "Leaver Person", phone: "+998900000000" }));
    users.persist(users.create(PasswordCredential, { userId: person, hash: "scrypt$x" }));
    await users.flush();
    const notifications = orms.notifications.em.fork();
    notifications.persist(
      notifications.create(Notification, {
        id: randomUUID(),
        recipientId: randomUUID(),
        studentId: person,
        kind: "GRADE",
        title: "Baho",
        body: "Leaver Person: 5",
        sourceEventId: randomUUID(),
      }),
    );
    await notifications.flush();
    const journal = orms.journal.em.fork();
    journal.persist(
      journal.create(AccessRecord, {
        accessorId: randomUUID(),
        accessorRole: "TEACHER",
        purpose: "JOURNAL",
        subjectId: person,
        fields: "Grade",
        released: true,
        requestId: "old",
        at: new Date("2020-01-01T00:00:00Z"),
      }),
    );
    await journal.flush();
  });
}, 60_000);
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("npm run retention", () => {
  it("--dry-run prints what would be done in each subgraph and changes no database", async () => {
    const before = await state();
    const result = await inProcess(["--dry-run", "--now", "2027-09-01"]);
    expect(result.code, result.stderr).toBe(0);
    for (const name of ["users", "institutions", "journal", "notifications"]) {
      expect(result.stdout).toContain(`${name}: would anonymise 1 subject(s) due by 2027-09-01`);
    }
    expect(result.stdout).toContain(`${person} (LEFT_SCHOOL, due 2027-09-01): users 1, password_credentials 1`);
    expect(result.stdout).toMatch(/notifications 1, guardian_links 0/);
    expect(result.stdout).toMatch(/access records before 2022-09-0\dT\S+: 1 would be purged/);
    expect(await state()).toBe(before);
  }, 60_000);

  it("the real run carries it out and says so", async () => {
    const result = await asScript("--now", "2027-09-01");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("users: anonymised 1 subject(s) due by 2027-09-01");
    await withDatabases(async (orms) => {
      expect(await orms.users.em.fork().findOneOrFail(User, { id: person })).toMatchObject({ fullName: "Anonymised", phone: null });
      expect(await orms.notifications.em.fork().count(Notification, { studentId: person })).toBe(0);
      expect(await orms.journal.em.fork().count(AccessRecord, {})).toBe(0);
      for (const module of SUBGRAPH_MODULES) {
        const [row] = await orms[module.name].em.fork().find(RetentionSchedule, { subjectId: person });
        expect(row!.doneAt, module.name).toBeInstanceOf(Date);
      }
    });
  }, 60_000);

  it("a --now that is no calendar date, or an unknown option, is refused with exit code 2", async () => {
    const badDay = await inProcess(["--now", "2027-02-30"]);
    expect(badDay.code).toBe(2);
    expect(badDay.stderr).toContain("--now must be a calendar date");
    expect((await inProcess(["--dryrun"])).code).toBe(2);
  });

  it("a database that cannot be opened ends with exit code 1 and says why", async () => {
    const broken = await mkdtemp(path.join(tmpdir(), "emaktab-retention-broken-"));
    try {
      await writeFile(path.join(broken, "users.db"), "this is not a database, just text long enough to be read as a header");
      const result = await inProcess(["--dry-run"], broken);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^Retention failed: /);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });
});
