/**
 * Bulk inserts inside an open transaction.
 *
 * On PostgreSQL: MikroORM's multi-row `insertMany`, in chunks under the bound-parameter limit.
 * On SQLite (libsql): one prepared single-row INSERT per table, run for every row on the transaction's
 * own connection. The libsql dialect prepares a fresh statement for every query and never finalises it,
 * so hundreds of large multi-row INSERTs hold on to native memory (1.9 GB for 50 schools) and run four
 * times slower than one reused statement. Values are converted exactly as MikroORM would (its custom
 * types, then the dialect's rule for dates and booleans).
 */
import type { EntityClass, EntityManager, EntityMetadata, EntityProperty, RequiredEntityData } from "@mikro-orm/core";

export type Progress = (message: string) => void;

const MAX_PARAMS = 30_000;
const MAX_ROWS = 2_000;

interface SqliteStatement {
  run(params: unknown[]): unknown;
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}
interface KnexTransactionLike {
  client?: { driverName?: string; acquireConnection(): Promise<unknown> };
}

export class BulkWriter {
  /** Rows written per table, for the summary. */
  readonly counts: Record<string, number> = {};
  private sqlite: Promise<SqliteConnection | undefined> | undefined;
  private readonly statements = new Map<string, SqliteStatement>();

  constructor(
    private readonly em: EntityManager,
    readonly database: string,
    private readonly onProgress?: Progress,
  ) {}

  async insert<T extends object>(entity: EntityClass<T>, rows: ReadonlyArray<RequiredEntityData<T>>, label = entity.name): Promise<void> {
    if (rows.length === 0) return;
    const sqlite = await (this.sqlite ??= this.sqliteConnection());
    if (sqlite) this.insertSqlite(sqlite, entity, rows);
    else await this.insertChunks(entity, rows);
    this.counts[label] = (this.counts[label] ?? 0) + rows.length;
  }

  progress(message: string): void {
    this.onProgress?.(`[${this.database}] ${message}`);
  }

  private async insertChunks<T extends object>(entity: EntityClass<T>, rows: ReadonlyArray<RequiredEntityData<T>>): Promise<void> {
    const columns = Object.keys(rows[0]!).length;
    const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns)));
    for (let start = 0; start < rows.length; start += size) {
      await this.em.insertMany(entity, rows.slice(start, start + size) as RequiredEntityData<T>[]);
    }
  }

  /** The libsql connection the open transaction runs on, or undefined on any other database. */
  private async sqliteConnection(): Promise<SqliteConnection | undefined> {
    const trx = this.em.getTransactionContext<KnexTransactionLike>();
    if (!trx?.client || trx.client.driverName !== "libsql") return undefined;
    const db = (await trx.client.acquireConnection()) as SqliteConnection;
    // A 128 MB page cache: random UUID keys touch pages all over the indexes of the big journal tables.
    db.prepare("pragma cache_size = -131072").run([]);
    return db;
  }

  private insertSqlite<T extends object>(db: SqliteConnection, entity: EntityClass<T>, rows: ReadonlyArray<RequiredEntityData<T>>): void {
    const meta: EntityMetadata<T> = this.em.getMetadata().get<T>(entity.name);
    const platform = this.em.getPlatform();
    const names = Object.keys(rows[0]!);
    const props = names.map((name) => {
      const prop = (meta.properties as Record<string, EntityProperty<T> | undefined>)[name];
      if (!prop) throw new Error(`${entity.name} has no property "${name}"`);
      return prop;
    });
    const key = `${meta.tableName}:${names.join(",")}`;
    let statement = this.statements.get(key);
    if (!statement) {
      const columns = props.map((p) => platform.quoteIdentifier(p.fieldNames[0]!)).join(", ");
      statement = db.prepare(
        `insert into ${platform.quoteIdentifier(meta.tableName)} (${columns}) values (${props.map(() => "?").join(", ")})`,
      );
      this.statements.set(key, statement);
    }
    const params: unknown[] = new Array(props.length);
    for (const row of rows) {
      for (let i = 0; i < props.length; i++) {
        const prop = props[i]!;
        let value: unknown = (row as Record<string, unknown>)[prop.name];
        if (value === undefined) value = prop.default ?? null;
        if (value !== null && prop.customType)
          value = prop.customType.convertToDatabaseValue(value, platform, { key: prop.name, mode: "query-data" });
        if (value instanceof Date) value = value.getTime();
        else if (typeof value === "boolean") value = value ? 1 : 0;
        params[i] = value;
      }
      statement.run(params);
    }
  }
}
