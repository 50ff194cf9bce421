/**
 * Writes a world into the four databases. Each database gets one transaction, and none commits before
 * every write to every database has succeeded: a failure half-way leaves every database as it was.
 *
 * The transactions are begun explicitly on forks taken up front rather than nested `transactional()`
 * calls: the four ORMs share MikroORM's default context name, so inside one ORM's `transactional()`
 * `otherOrm.em.fork()` would resolve to the first ORM's transaction.
 */
import type { EntityManager, MikroORM } from "@mikro-orm/core";
import { SUBGRAPHS, type SubgraphName } from "../../shared/config.js";
import { BulkWriter, type Progress } from "./bulk.js";
import { writeInstitutions } from "./write-institutions.js";
import { writeJournal } from "./write-journal.js";
import { writeNotifications } from "./write-notifications.js";
import { writeUsers } from "./write-users.js";
import type { World } from "./world.js";

export type RowCounts = Record<SubgraphName, Record<string, number>>;

export async function writeWorld(
  targets: Record<SubgraphName, MikroORM>,
  world: World,
  lessonDays: readonly string[],
  onProgress?: Progress,
): Promise<RowCounts> {
  const ems = Object.fromEntries(SUBGRAPHS.map((name) => [name, targets[name].em.fork()])) as Record<SubgraphName, EntityManager>;
  const out = Object.fromEntries(SUBGRAPHS.map((name) => [name, new BulkWriter(ems[name], name, onProgress)])) as Record<
    SubgraphName,
    BulkWriter
  >;
  const begun: SubgraphName[] = [];
  try {
    for (const name of SUBGRAPHS) {
      await ems[name].begin();
      begun.push(name);
    }
    const phases: Array<[SubgraphName, (w: BulkWriter) => Promise<void>]> = [
      ["institutions", (w) => writeInstitutions(w, world)],
      ["users", (w) => writeUsers(w, world)],
      ["notifications", (w) => writeNotifications(w, world)],
      ["journal", (w) => writeJournal(w, world, lessonDays)],
    ];
    for (const [name, write] of phases) {
      await write(out[name]);
      out[name].progress(
        Object.entries(out[name].counts)
          .map(([table, n]) => `${table} ${n}`)
          .join(", ") || "nothing to write",
      );
    }
    for (const name of SUBGRAPHS) await ems[name].commit();
  } catch (error) {
    for (const name of begun) await ems[name].rollback().catch(() => undefined);
    throw error;
  }
  return Object.fromEntries(SUBGRAPHS.map((name) => [name, out[name].counts])) as RowCounts;
}
