/**
 * One claimant per run of a background job across instances. On PostgreSQL the run happens inside a
 * transaction holding a transaction-scoped advisory lock named after the job: an instance that cannot take
 * it right away skips this run (another instance is doing it), and the lock goes with the transaction, so a
 * crashed claimant never leaves it held. SQLite is one process's file: every run is its own claimant.
 */
import type { MikroORM } from "@mikro-orm/core";
import { dialectOf } from "../db/dialect.js";

export type RunOutcome<T> = { claimed: true; value: T } | { claimed: false };

export async function claimRun<T>(orm: MikroORM, job: string, run: () => Promise<T>): Promise<RunOutcome<T>> {
  const em = orm.em.fork();
  if (dialectOf(em) !== "postgres") return { claimed: true, value: await run() };
  return em.transactional(async (tx) => {
    const rows = await tx
      .getConnection()
      .execute<Array<{ won: boolean }>>(
        "select pg_try_advisory_xact_lock(hashtextextended(?, 0)) as won",
        [`job:${job}`],
        "all",
        tx.getTransactionContext(),
      );
    if (!rows[0]?.won) return { claimed: false as const };
    // The run uses its own connections; this transaction only holds the lock until the run ends.
    return { claimed: true as const, value: await run() };
  });
}
