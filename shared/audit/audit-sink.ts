import type { EntityManager } from "@mikro-orm/core";
import type { AccessEntry } from "../auth/privacy-ledger.js";
import { AccessRecord } from "./access-record.entity.js";

/** Writes one request's access entries in a single flush, on a fork so the request's own unit of work stays untouched. */
export async function writeAccessRecords(em: EntityManager, requestId: string, entries: AccessEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const fork = em.fork();
  for (const entry of entries) {
    fork.persist(
      fork.create(AccessRecord, {
        accessorId: entry.accessorId,
        accessorRole: entry.accessorRole,
        purpose: entry.purpose,
        subjectId: entry.subjectId,
        fields: entry.fields.join(","),
        released: entry.released,
        reason: entry.reason,
        legalBasis: entry.legalBasis,
        requestId,
      }),
    );
  }
  await fork.flush();
}
