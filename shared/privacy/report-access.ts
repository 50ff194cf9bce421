/**
 * Who may read a subject's personal-data report (DESIGN.md §6): the person themself, a parent for their
 * child, and the data protection officer only while handling that person's open data request
 * (DPO_HANDLING) or under LEGAL_REQUEST with a legal basis (a disclosure, audited as one). Every subgraph
 * applies this same rule to its part of the report, `_entities` included, so a part fetched around the
 * gateway is refused just the same. The standings come from shared/auth/relationships.ts.
 * A read of someone else's report is a release of their data and goes into this subgraph's audit.
 */
import { withRequestFacts } from "../auth/enforce.js";
import { isHandlingRequestOf, isSelfOrGuardianOf } from "../auth/relationships.js";
import { isolatedSubject } from "../auth/subject.js";
import type { BaseContext } from "../context.js";
import { ForbiddenError, UnauthenticatedError } from "../errors.js";
import { parseId } from "../ids.js";

export type ReportReader = "SELF_OR_GUARDIAN" | "DPO_HANDLING" | "DPO_LEGAL";

/** The reader's standing towards `subjectId`, or null when they have none. */
export async function reportReader(ctx: BaseContext, subjectId: string): Promise<ReportReader | null> {
  const caller = ctx.caller;
  if (!caller) return null;
  if (isSelfOrGuardianOf(caller, subjectId)) return "SELF_OR_GUARDIAN";
  if (caller.role !== "DATA_PROTECTION_OFFICER") return null;
  // The basis was required at the door (caller.ts) for LEGAL_REQUEST; checked again so no path skips it.
  if (caller.purpose === "LEGAL_REQUEST" && caller.legalBasis) return "DPO_LEGAL";
  return isHandlingRequestOf(caller, await withRequestFacts(ctx, isolatedSubject(subjectId))) ? "DPO_HANDLING" : null;
}

/**
 * Correspondence (a notice, a message) is its recipient's own: in a report about a subject, an item
 * addressed to someone else (a notice about a child sent to the other parent) is shown only to its
 * recipient and to the data protection officer. The subject's own mail stays in their report.
 */
export async function seesCorrespondence(ctx: BaseContext, subjectId: string): Promise<(recipientId: string) => boolean> {
  const caller = ctx.caller;
  const reader = await reportReader(ctx, subjectId);
  const officer = reader === "DPO_HANDLING" || reader === "DPO_LEGAL";
  return (recipientId) => officer || recipientId === subjectId || recipientId === caller?.sub;
}

/**
 * Resolves the subject of a report request (none given: the caller), refuses anyone else with FORBIDDEN,
 * and notes the release of `what` (e.g. "PersonalDataReport.journal") for the audit when it is not their own.
 */
export async function authoriseReport(ctx: BaseContext, requested: string | null | undefined, what: string): Promise<string> {
  const caller = ctx.caller;
  if (!caller) throw new UnauthenticatedError();
  const subjectId = requested ? parseId(requested, "subjectId") : caller.sub;
  const reader = await reportReader(ctx, subjectId);
  if (!reader) {
    ctx.privacy.noteFor(caller, subjectId, what, "NO_RELATIONSHIP");
    throw new ForbiddenError(
      "A personal-data report is given to the person, a parent for their child, or the data protection officer handling the person's request or a legal request",
    );
  }
  if (subjectId !== caller.sub) ctx.privacy.noteFor(caller, subjectId, what);
  return subjectId;
}
