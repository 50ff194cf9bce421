/**
 * Per-request memory of privacy decisions: caches each (subject, category) decision so a list of
 * thirty rows costs thirty lookups in memory, not thirty policy walks, and gathers the releases that
 * the audit writes in one batch when the response leaves.
 */
import type { EntityManager } from "@mikro-orm/core";
import type DataLoader from "dataloader";
import type { GraphQLError, GraphQLFormattedError } from "graphql";
import type { WithholdReason } from "../errors.js";
import { blockedFieldsLoader } from "../privacy/blocks.js";
import { openRequestsLoader } from "../privacy/open-requests.js";
import type { Caller } from "./claims.js";
import type { Decision } from "./policy.js";
import type { Purpose, Role } from "./roles.js";

export interface AccessEntry {
  accessorId: string;
  accessorRole: Role;
  purpose: Purpose;
  subjectId: string;
  fields: string[];
  released: boolean;
  reason?: WithholdReason;
  legalBasis?: string;
}

export class PrivacyLedger {
  private readonly decisions = new Map<string, Decision>();
  private readonly entries = new Map<string, { entry: AccessEntry; fields: Set<string> }>();
  private blocks?: DataLoader<string, ReadonlySet<string>>;
  private openRequests?: DataLoader<string, boolean>;
  private readonly withheld: GraphQLFormattedError[] = [];

  /**
   * The fields of `subjectId` under a block, read through this request's EntityManager on first use; all
   * the subjects asked for in one tick share one statement, and each subject is read once per request.
   */
  blockedFields(em: EntityManager, subjectId: string): Promise<ReadonlySet<string>> {
    this.blocks ??= blockedFieldsLoader(em);
    return this.blocks.load(subjectId);
  }

  /** Whether `subjectId` has an open data request (the DPO_HANDLING fact), batched like `blockedFields`. */
  hasOpenRequest(em: EntityManager, subjectId: string): Promise<boolean> {
    this.openRequests ??= openRequestsLoader(em);
    return this.openRequests.load(subjectId);
  }

  /**
   * A withheld non-null String (User.login) answers "" (so its parent object survives); its error is kept
   * here and added to the response by the subgraph server.
   */
  reportWithheld(error: GraphQLError, path: ReadonlyArray<string | number>): void {
    this.withheld.push({ message: error.message, path: [...path], extensions: error.extensions });
  }

  /** The withheld-list errors of this request, once. */
  takeWithheldErrors(): GraphQLFormattedError[] {
    return this.withheld.splice(0);
  }

  cached(key: string): Decision | undefined {
    return this.decisions.get(key);
  }

  remember(key: string, decision: Decision): void {
    this.decisions.set(key, decision);
  }

  /** Notes that `field` of `subjectId` was released or withheld to this caller. */
  note(base: Omit<AccessEntry, "fields">, field: string): void {
    const key = `${base.subjectId}|${base.released}|${base.reason ?? ""}`;
    let slot = this.entries.get(key);
    if (!slot) {
      slot = { entry: { ...base, fields: [] }, fields: new Set() };
      this.entries.set(key, slot);
    }
    slot.fields.add(field);
  }

  /**
   * Notes that `field` of `subjectId` was released to `caller` (no `reason`) or withheld from them, with the
   * purpose and legal basis they declared for the request.
   */
  noteFor(caller: Caller, subjectId: string, field: string, reason?: WithholdReason): void {
    this.note(
      {
        accessorId: caller.sub,
        accessorRole: caller.role,
        purpose: caller.purpose,
        subjectId,
        released: reason === undefined,
        reason,
        legalBasis: caller.legalBasis,
      },
      field,
    );
  }

  /** What to audit: one entry per subject and outcome, fields sorted. */
  drain(): AccessEntry[] {
    const out = [...this.entries.values()].map(({ entry, fields }) => ({ ...entry, fields: [...fields].sort() }));
    this.entries.clear();
    return out;
  }
}
