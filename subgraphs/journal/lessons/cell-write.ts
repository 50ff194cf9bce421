/**
 * The transaction every write of journal cells runs in (marks, attendance, term marks). Writers of the same
 * cells queue on one write lock taken first, so each reads what the previous one committed: twenty identical
 * calls at once make one change, one history row and one event, and different values a history whose old
 * values chain. A call sent again under the same Idempotency-Key is answered with the first call's cells.
 */
import type { EntityManager, EntityName } from "@mikro-orm/core";
import type { AuthedContext } from "../../../shared/context.js";
import { lockForWrite, retryOnConflict } from "../../../shared/db/write-lock.js";
import { earlierResult, idempotentCall, rememberResult } from "../../../shared/idempotency/idempotency.js";
import type { JournalContext } from "../context.js";

type Ctx = AuthedContext<JournalContext>;

export interface CellWrite<T> {
  /** The mutation, scoping the client's key. */
  operation: string;
  /** What the writers queue on: the lesson, or the class and subject of term marks. */
  lockKey: string;
  /** The call's input, compared when a key comes back. */
  input: unknown;
  entity: EntityName<T>;
}

export async function writeCells<T extends { id: string }>(
  ctx: Ctx,
  spec: CellWrite<T>,
  write: (em: EntityManager) => T[] | Promise<T[]>,
): Promise<T[]> {
  const call = idempotentCall(ctx.idempotencyKey, spec.operation, ctx.caller.sub, spec.input);
  return retryOnConflict(() =>
    ctx.em.transactional(async (em) => {
      await lockForWrite(em, spec.lockKey);
      const earlier = call && (await earlierResult(em, call));
      if (earlier) {
        const found = new Map((await em.find(spec.entity, { id: { $in: earlier } } as never)).map((cell) => [cell.id, cell]));
        return earlier.flatMap((id) => found.get(id) ?? []);
      }
      const cells = await write(em);
      if (call)
        await rememberResult(
          em,
          call,
          cells.map((cell) => cell.id),
        );
      return cells;
    }),
  );
}
