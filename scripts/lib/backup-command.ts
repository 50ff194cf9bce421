/**
 * The body of `npm run backup` (scripts/backup.ts): a consistent copy of every subgraph's database, so a
 * lost or damaged database can be brought back (DESIGN.md §6: protection against destruction).
 * Embedded SQLite: `VACUUM INTO` writes a clean, self-contained copy while the servers keep running (the
 * WAL is folded in). PostgreSQL: `pg_dump --format=custom` per database, restored with `pg_restore`.
 */
import { execFile } from "node:child_process";
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { parseArgs } from "node:util";
import { loadConfig, SUBGRAPHS, type SubgraphName } from "../../shared/config.js";
import { openDatabase } from "../../shared/db/database.js";
import { SUBGRAPH_MODULES } from "../../subgraphs/index.js";
import type { CommandOutput } from "./retention-command.js";
import { now as clockNow } from "../../shared/clock.js";

export const BACKUP_USAGE = "Usage: npm run backup -- [--out DIR]   (default DIR: DATA_DIR/backups/<UTC timestamp>)";

const run = promisify(execFile);

export interface BackupFile {
  subgraph: SubgraphName;
  file: string;
  bytes: number;
}

const stamp = (now: Date): string => now.toISOString().replace(/[:.]/g, "-");

/** SQLite string literal: the path goes into VACUUM INTO, which takes an expression, not a bound file name. */
const sqlString = (value: string): string => `'${value.replace(/'/g, "''")}'`;

async function backupSqlite(name: SubgraphName, dataDir: string, url: string | undefined, file: string): Promise<void> {
  const module = SUBGRAPH_MODULES.find((m) => m.name === name)!;
  const orm = await openDatabase({ name, entities: module.entities, url, dataDir });
  try {
    await orm.em.getConnection().execute(`vacuum into ${sqlString(file)}`);
  } finally {
    await orm.close();
  }
}

async function backupPostgres(url: string, file: string): Promise<void> {
  try {
    await run("pg_dump", ["--format=custom", "--no-owner", "--file", file, "--dbname", url], { timeout: 10 * 60_000 });
  } catch (error) {
    const failed = error as { code?: string; stderr?: string };
    if (failed.code === "ENOENT") throw new Error("pg_dump is not installed (Debian: postgresql-client)");
    throw new Error(`pg_dump failed: ${(failed.stderr ?? "").trim().split("\n")[0]}`);
  }
}

/** Backs up every subgraph's database into `outDir`; throws on the first failure (a partial backup is not one). */
export async function backupEverything(env: NodeJS.ProcessEnv, outDir?: string, now = clockNow()): Promise<BackupFile[]> {
  const config = loadConfig(env);
  const dir = path.resolve(outDir ?? path.join(config.dataDir, "backups", stamp(now)));
  await mkdir(dir, { recursive: true });
  const files: BackupFile[] = [];
  for (const name of SUBGRAPHS) {
    const url = config.databaseUrls[name];
    const postgres = !!url && /^postgres(ql)?:/.test(url);
    const file = path.join(dir, postgres ? `${name}.dump` : `${name}.db`);
    if (postgres) await backupPostgres(url, file);
    else await backupSqlite(name, config.dataDir, url, file);
    files.push({ subgraph: name, file, bytes: (await stat(file)).size });
  }
  return files;
}

export async function backupCommand(argv: string[], env: NodeJS.ProcessEnv, out: CommandOutput = console): Promise<number> {
  let values: { out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { out: { type: "string" }, help: { type: "boolean" } }, strict: true }));
  } catch (error) {
    out.error(`${error instanceof Error ? error.message : String(error)}\n${BACKUP_USAGE}`);
    return 2;
  }
  if (values.help) {
    out.log(BACKUP_USAGE);
    return 0;
  }
  try {
    const files = await backupEverything(env, values.out);
    for (const f of files) out.log(`${f.subgraph}: ${f.file} (${(f.bytes / 1024).toFixed(0)} KiB)`);
    return 0;
  } catch (error) {
    out.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
