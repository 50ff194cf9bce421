import type { EntityManager } from "@mikro-orm/core";
import type { RequestIds } from "../auth/caller.js";
import type { Caller } from "../auth/claims.js";
import type { AccessEntry } from "../auth/privacy-ledger.js";
import { AccessRecord } from "./access-record.entity.js";

/**
 * Writes one request's access entries in a single flush, on a fork so the request's own unit of work stays
 * untouched. A release under LEGAL_REQUEST is a disclosure to a third party: it carries the recipient and
 * whether the law forbids telling the subject, taken from what the officer declared for the request.
 */
export async function writeAccessRecords(
  em: EntityManager,
  ids: RequestIds,
  entries: AccessEntry[],
  caller?: Caller | null,
): Promise<void> {
  if (entries.length === 0) return;
  const fork = em.fork();
  for (const entry of entries) {
    const legal = entry.purpose === "LEGAL_REQUEST";
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
        recipient: legal ? caller?.legalRecipient : undefined,
        restricted: legal && caller?.legalRestricted === true,
        requestId: ids.requestId,
        correlationId: ids.correlationId,
      }),
    );
  }
  await fork.flush();
}
