/**
 * Idempotent writes: a client may send an `Idempotency-Key` header (any printable text up to 200 characters)
 * with a mutation, and send the same call again when it did not get the answer (a timeout, a dropped
 * connection). The first call to commit records the key in its own transaction; a later call with the same
 * key, caller and operation changes nothing and gets the same objects back (as they are now).
 */
import { createHash } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import { nowMs, now } from "../clock.js";
import { BadUserInputError } from "../errors.js";
import { IdempotencyRecord } from "./idempotency-record.entity.js";

export const IDEMPOTENCY_HEADER = "idempotency-key";
/** How long a key answers for its first call. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/** One write under a client's key. */
export interface IdempotentCall {
  id: string;
  operation: string;
  inputHash: string;
}

/** The call a key names, or undefined without a key; a malformed key is the client's error. */
export function idempotentCall(key: string | undefined, operation: string, callerId: string, input: unknown): IdempotentCall | undefined {
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key))
    throw new BadUserInputError("Idempotency-Key", "1 to 200 printable ASCII characters without spaces");
  return { id: sha256(`${operation}\n${callerId}\n${key}`), operation, inputHash: sha256(JSON.stringify(input)) };
}

/**
 * What an earlier call with the same key returned (its ids), or undefined when this is the first. Call it
 * inside the write's transaction after its write lock, so two calls with one key cannot both be first.
 */
export async function earlierResult(em: EntityManager, call: IdempotentCall): Promise<string[] | undefined> {
  const record = await em.findOne(IdempotencyRecord, { id: call.id, createdAt: { $gt: new Date(nowMs() - IDEMPOTENCY_TTL_MS) } });
  if (!record) return undefined;
  if (record.inputHash !== call.inputHash)
    throw new BadUserInputError("Idempotency-Key", "this key was used for a different call; send a new key with a new call");
  return record.resultIds;
}

/** Records the call's result in the write's transaction (and forgets keys past their day). */
export async function rememberResult(em: EntityManager, call: IdempotentCall, resultIds: string[]): Promise<void> {
  await em.nativeDelete(IdempotencyRecord, { $or: [{ id: call.id }, { createdAt: { $lt: new Date(nowMs() - IDEMPOTENCY_TTL_MS) } }] });
  em.persist(
    em.create(IdempotencyRecord, { id: call.id, operation: call.operation, inputHash: call.inputHash, resultIds, createdAt: now() }),
  );
}
