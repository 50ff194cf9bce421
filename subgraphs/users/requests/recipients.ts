/**
 * Who was given a subject's fields before they were corrected, from this subgraph's access audit (the
 * fields a rectification changes all live here, so every release of them was recorded here).
 * A release under LEGAL_REQUEST went to a third party outside the system: it is an external recipient,
 * the authority the officer named (X-Legal-Recipient; the basis when none was named), grouped by
 * recipient and basis. Everyone else is a person with an account.
 */
import type { EntityManager } from "@mikro-orm/core";
import { AccessRecord } from "../../../shared/audit/access-record.entity.js";

export interface EarlierRecipients {
  /** Accounts, with the corrected fields each of them received. */
  internal: Array<{ recipientId: string; fields: string[] }>;
  /** Third parties of legal disclosures, by legal basis, with the corrected fields disclosed to them. */
  external: Array<{ recipient: string; basis: string; fields: string[]; restricted: boolean }>;
}

export async function earlierRecipients(em: EntityManager, subjectId: string, fields: readonly string[]): Promise<EarlierRecipients> {
  if (fields.length === 0) return { internal: [], external: [] };
  const records = await em.find(
    AccessRecord,
    { subjectId, released: true, $or: fields.map((field) => ({ fields: { $like: `%${field}%` } })) },
    { orderBy: { at: "asc" } },
  );
  const internal = new Map<string, Set<string>>();
  const external = new Map<string, Set<string>>();
  for (const record of records) {
    if (record.accessorId === subjectId) continue;
    // The LIKE above narrows; the exact names decide ("User.phone" must not match "User.phoneBook").
    const received = record.fields.split(",").filter((f) => fields.includes(f));
    if (received.length === 0) continue;
    const legal = record.purpose === "LEGAL_REQUEST" && record.legalBasis;
    const groups = legal ? external : internal;
    // A restricted disclosure stays apart from an open one to the same authority: it is messaged unseen.
    const key = legal ? JSON.stringify([record.recipient ?? record.legalBasis!, record.legalBasis!, record.restricted]) : record.accessorId;
    const set = groups.get(key) ?? new Set<string>();
    for (const field of received) set.add(field);
    groups.set(key, set);
  }
  return {
    internal: [...internal].map(([recipientId, set]) => ({ recipientId, fields: [...set].sort() })),
    external: [...external].map(([key, set]) => {
      const [recipient, basis, restricted] = JSON.parse(key) as [string, string, boolean];
      return { recipient, basis, fields: [...set].sort(), restricted };
    }),
  };
}
