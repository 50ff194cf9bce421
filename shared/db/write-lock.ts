/**
 * Serialising the writers of one thing (a lesson's cells) without changing how they read. A write that
 * reads the cells, decides, then inserts or updates is only correct if no other writer of the same cells
 * runs between its read and its commit; both databases are made to guarantee that from the transaction's
 * first statement.
 */
import { DeadlockException, LockWaitTimeoutException, UniqueConstraintViolationException, type EntityManager } from "@mikro-orm/core";
import { dialectOf } from "./dialect.js";

/**
 * Takes the write lock for `key` in the transaction `em` runs; it is held until that transaction ends.
 * PostgreSQL: a transaction-scoped advisory lock on the key (no row needs to exist yet, so first writes of a
 * fresh cell queue too). SQLite has one writer at a time: a write statement that changes nothing makes the
 * transaction that writer now (what BEGIN IMMEDIATE does), instead of at its first real write, where two
 * processes that both read first would fail with SQLITE_BUSY.
 */
export async function lockForWrite(em: EntityManager, key: string): Promise<void> {
  const connection = em.getConnection();
  const tx = em.getTransactionContext();
  if (!tx) throw new Error("lockForWrite needs a transaction");
  if (dialectOf(em) === "postgres") await connection.execute("select pg_advisory_xact_lock(hashtextextended(?, 0))", [key], "all", tx);
  else await connection.execute('update "outbox_events" set "attempts" = "attempts" where 0 = 1', [], "run", tx);
}

/** Errors a concurrent writer can cause that a fresh attempt of the same transaction resolves. */
const isConflict = (error: unknown): boolean =>
  error instanceof UniqueConstraintViolationException || error instanceof DeadlockException || error instanceof LockWaitTimeoutException;

/**
 * Runs `attempt` again when it lost a race to a concurrent writer (a unique violation, a deadlock), so a race
 * never reaches the client as an internal error; the next attempt reads what the winner committed.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= attempts || !isConflict(error)) throw error;
    }
  }
}
