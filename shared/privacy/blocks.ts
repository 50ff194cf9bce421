/**
 * Blocked personal fields. The users subgraph grants a blocking (or unblocking) request, writes its own
 * `blocked_fields` and, in the same transaction, puts `users.data.blocked` {subjectId, fields, blocked} in
 * its outbox. Every other subgraph keeps the same table as a replica, filled by the idempotent consumer
 * below, so the shared enforcement can withhold a blocked field wherever it is resolved without calling
 * users. Reads are batched per request (see `blockedFieldsLoader`).
 */
import type { EntityManager } from "@mikro-orm/core";
import DataLoader from "dataloader";
import type { EventEnvelope } from "../events/bus.js";
import { consume } from "../events/outbox.js";
import type { SubgraphDeps } from "../federation/subgraph-module.js";
import { BlockedField } from "./blocked-field.entity.js";

/** Topic of the users subgraph's outbox: fields of a subject were blocked (`blocked: true`) or released again. */
export const DATA_BLOCKED = "users.data.blocked";

export interface DataBlocked {
  subjectId: string;
  fields: string[];
  blocked: boolean;
}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === "string");

/** Reads a DATA_BLOCKED payload; undefined for one we do not understand (it is then skipped, not retried). */
export function parseDataBlocked(payload: Record<string, unknown>): DataBlocked | undefined {
  const { subjectId, fields, blocked } = payload;
  if (typeof subjectId !== "string" || !isStrings(fields) || typeof blocked !== "boolean") return undefined;
  return { subjectId, fields, blocked };
}

/**
 * Puts a block in force or lifts it, in the caller's unit of work. Idempotent: blocking a blocked field or
 * lifting a lifted one changes nothing.
 */
export async function applyBlocks(em: EntityManager, change: DataBlocked): Promise<void> {
  if (change.fields.length === 0) return;
  if (!change.blocked) {
    await em.nativeDelete(BlockedField, { subjectId: change.subjectId, field: { $in: change.fields } });
    return;
  }
  const present = new Set(
    (await em.find(BlockedField, { subjectId: change.subjectId, field: { $in: change.fields } })).map((b) => b.field),
  );
  for (const field of new Set(change.fields)) {
    if (!present.has(field)) em.persist(em.create(BlockedField, { subjectId: change.subjectId, field }));
  }
}

async function onDataBlocked(em: EntityManager, event: EventEnvelope): Promise<void> {
  const change = parseDataBlocked(event.payload);
  if (change) await applyBlocks(em, change);
}

/**
 * Subscribes a subgraph's replica of blocked fields; called once per process from its createRuntime.
 * `consumer` names the subgraph (its durable consumer on NATS; its processed-event marks).
 */
export function replicatedBlocks(deps: Pick<SubgraphDeps, "orm" | "bus">, consumer: string): void {
  consume(deps.orm, deps.bus, DATA_BLOCKED, consumer, onDataBlocked);
}

/**
 * Per request: the blocked fields of each subject asked for, one statement for all the subjects asked
 * for in the same tick (a list of thirty people costs one query, not thirty).
 */
export function blockedFieldsLoader(em: EntityManager): DataLoader<string, ReadonlySet<string>> {
  return new DataLoader(async (subjectIds) => {
    // Outside the identity map: these rows are facts for the policy, never entities a resolver changes.
    const rows = await em.find(BlockedField, { subjectId: { $in: [...subjectIds] } }, { disableIdentityMap: true });
    const bySubject = new Map<string, Set<string>>(subjectIds.map((id) => [id, new Set()]));
    for (const row of rows) bySubject.get(row.subjectId)?.add(row.field);
    return subjectIds.map((id) => bySubject.get(id) ?? new Set());
  });
}

/**
 * A condition for an aggregate statement that leaves out the rows of every subject who blocked any of
 * `names` (from `blockNamesIn`): a count or a mean over a class is derived from each pupil's rows, so a
 * blocked pupil's rows are not in it, for anyone (the officer's legal reads go through the rows themselves).
 * `column` is the statement's subject column; the names are bound, never spliced.
 */
export function notBlocked(column: string, names: readonly string[]): { sql: string; params: string[] } {
  if (names.length === 0) return { sql: "", params: [] };
  return {
    sql: ` and ${column} not in (select b.subject_id from blocked_fields b where b.field in (${names.map(() => "?").join(", ")}))`,
    params: [...names],
  };
}
