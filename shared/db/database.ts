/**
 * Opens one subgraph's database. Embedded: a SQLite file under the data folder through libsql (no native
 * build). Production: PostgreSQL with the subgraph's migrations. Tests: SQLite in memory or a PostgreSQL
 * database of their own.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { EntityClass, MikroORM, Options } from "@mikro-orm/core";
import type { MigrationObject } from "@mikro-orm/core";
import { AccessRecord } from "../audit/access-record.entity.js";
import { OutboxEvent } from "../events/outbox-event.entity.js";
import { ProcessedEvent } from "../events/processed-event.entity.js";
import { IdempotencyRecord } from "../idempotency/idempotency-record.entity.js";
import { BlockedField } from "../privacy/blocked-field.entity.js";
import { OpenDataRequest } from "../privacy/open-data-request.entity.js";
import { ClaimsGeneration } from "../auth/claims-generation.entity.js";
import { RetentionSchedule } from "../privacy/retention-schedule.entity.js";

/**
 * Infrastructure tables every subgraph has: outbox, inbox, access audit, retention schedule, blocked fields
 * (the enforcement reads them), idempotency keys of writes, open data requests and claims generations.
 */
export const INFRASTRUCTURE_ENTITIES: EntityClass<unknown>[] = [
  OutboxEvent,
  ProcessedEvent,
  AccessRecord,
  RetentionSchedule,
  BlockedField,
  IdempotencyRecord,
  OpenDataRequest,
  ClaimsGeneration,
];

export interface DatabaseOptions {
  name: string;
  entities: EntityClass<unknown>[];
  /** postgres://… , ":memory:", a file path, or undefined for <dataDir>/<name>.db */
  url?: string;
  dataDir?: string;
  migrations?: MigrationObject[];
  /** Called with every SQL statement; tests count them. */
  onQuery?: (sql: string) => void;
}

export const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//.test(url);

function common(options: DatabaseOptions): Partial<Options> {
  return {
    entities: [...options.entities, ...INFRASTRUCTURE_ENTITIES],
    allowGlobalContext: false,
    // Four ORMs share one process in embedded mode: each needs its own async context, or a fork made
    // inside one subgraph's transaction would silently belong to another subgraph's database.
    contextName: options.name,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    forceUtcTimezone: true,
    ...(options.onQuery
      ? {
          debug: ["query"],
          logger: (message: string) => {
            // Colour codes are stripped: the message is "[query] <sql> [took N ms]".
            const plain = message.replace(/\u001b\[[0-9;]*m/g, "");
            if (plain.startsWith("[query] ")) options.onQuery!(plain.slice(8));
          },
        }
      : { debug: false }),
  };
}

/** Creates the PostgreSQL database named in `url` when it does not exist yet. */
async function ensurePostgresDatabase(url: string): Promise<void> {
  const { default: pg } = await import("pg");
  const target = new URL(url);
  const dbName = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [dbName]);
    if (found.rowCount === 0) await client.query(`create database "${dbName.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<MikroORM> {
  if (isPostgresUrl(options.url)) {
    await ensurePostgresDatabase(options.url);
    const { MikroORM: PgOrm } = await import("@mikro-orm/postgresql");
    const { Migrator } = await import("@mikro-orm/migrations");
    const orm = await PgOrm.init({
      ...common(options),
      clientUrl: options.url,
      extensions: [Migrator],
      migrations: { migrationsList: options.migrations ?? [], transactional: true, allOrNothing: true, snapshot: false },
      pool: { min: 0, max: 10 },
    } as never);
    if (options.migrations?.length) await orm.getMigrator().up();
    else await orm.schema.updateSchema({ safe: true });
    return orm as unknown as MikroORM;
  }
  const { MikroORM: LibSqlOrm } = await import("@mikro-orm/libsql");
  let dbName = options.url ?? ":memory:";
  if (options.url === undefined) {
    const dir = options.dataDir ?? "data";
    await mkdir(dir, { recursive: true });
    dbName = path.join(dir, `${options.name}.db`);
  }
  const orm = await LibSqlOrm.init({ ...common(options), dbName } as never);
  // Embedded databases follow the entities additively; `safe` never drops a table or column.
  await orm.schema.updateSchema({ safe: true });
  if (dbName !== ":memory:") await orm.em.getConnection().execute("pragma journal_mode = wal");
  return orm as unknown as MikroORM;
}
