/**
 * A subject's accesses and disclosures as one subgraph's audit holds them, for the report. Releases only
 * (a refusal disclosed nothing); a disclosure the law restricts is shown to the data protection officer
 * only, and so is the officer's access that made it, or the access list would give it away.
 */
import type { EntityManager } from "@mikro-orm/core";
import { AccessRecord } from "../audit/access-record.entity.js";
import type { Caller } from "../auth/claims.js";
import type { Purpose, Role } from "../auth/roles.js";
import type { AccessRecordType, DisclosureType } from "./report-types.js";

export interface AuditTrail {
  accesses: AccessRecordType[];
  disclosures: DisclosureType[];
}

/**
 * Who may learn of a disclosure the law restricts, and of anything derived from it (the access that made it,
 * a correction message owed to its recipient, a workflow step saying one was sent): the data protection
 * officer alone. The subject, a parent and the school's administration never do.
 */
export const seesRestrictedDisclosures = (caller: Caller | null | undefined): boolean => caller?.role === "DATA_PROTECTION_OFFICER";

export async function auditTrailOf(em: EntityManager, subjectId: string, caller: Caller): Promise<AuditTrail> {
  const officer = seesRestrictedDisclosures(caller);
  const records = await em.find(
    AccessRecord,
    { subjectId, released: true, ...(officer ? {} : { restricted: false }) },
    { orderBy: { at: "asc", id: "asc" } },
  );
  const accesses: AccessRecordType[] = [];
  const disclosures: DisclosureType[] = [];
  for (const record of records) {
    const fields = record.fields.split(",").filter(Boolean);
    accesses.push({
      accessorId: record.accessorId,
      accessorRole: record.accessorRole as Role,
      purpose: record.purpose as Purpose,
      fields,
      at: record.at,
      requestId: record.requestId,
    });
    if (record.purpose === "LEGAL_REQUEST") {
      disclosures.push({
        recipient: record.recipient ?? record.legalBasis ?? "unnamed authority",
        purpose: "LEGAL_REQUEST",
        fields,
        at: record.at,
        legalBasis: record.legalBasis ?? null,
        restricted: record.restricted,
        requestId: record.requestId,
      });
    }
  }
  return { accesses, disclosures };
}
