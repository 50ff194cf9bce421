/**
 * Who may read a subject's personal-data report (DESIGN.md §6): the person themself, a parent for their
 * child, and the data protection officer for anyone. Every subgraph applies this same rule to its part of
 * the report, `_entities` included, so a part fetched around the gateway is refused just the same.
 * A read of someone else's report is a release of their data and goes into this subgraph's audit.
 */
import type { BaseContext } from "../context.js";
import { ForbiddenError, UnauthenticatedError } from "../errors.js";
import { parseId } from "../ids.js";

export type ReportReader = "SELF" | "GUARDIAN" | "DATA_PROTECTION_OFFICER";

/** The reader's standing towards `subjectId`, or null when they have none. */
export function reportReader(ctx: BaseContext, subjectId: string): ReportReader | null {
  const caller = ctx.caller;
  if (!caller) return null;
  if (caller.sub === subjectId) return "SELF";
  if (caller.role === "PARENT" && caller.children.includes(subjectId)) return "GUARDIAN";
  if (caller.role === "DATA_PROTECTION_OFFICER") return "DATA_PROTECTION_OFFICER";
  return null;
}

/**
 * Correspondence (a notice, a message) is its recipient's own: in a report about a subject, an item
 * addressed to someone else (a notice about a child sent to the other parent) is shown only to its
 * recipient and to the data protection officer. The subject's own mail stays in their report.
 */
export function seesCorrespondence(ctx: BaseContext, subjectId: string): (recipientId: string) => boolean {
  const caller = ctx.caller;
  const reader = reportReader(ctx, subjectId);
  return (recipientId) => reader === "DATA_PROTECTION_OFFICER" || recipientId === subjectId || recipientId === caller?.sub;
}

/**
 * Resolves the subject of a report request (none given: the caller), refuses anyone else with FORBIDDEN,
 * and notes the release of `what` (e.g. "PersonalDataReport.journal") for the audit when it is not their own.
 */
export function authoriseReport(ctx: BaseContext, requested: string | null | undefined, what: string): string {
  const caller = ctx.caller;
  if (!caller) throw new UnauthenticatedError();
  const subjectId = requested ? parseId(requested, "subjectId") : caller.sub;
  const reader = reportReader(ctx, subjectId);
  if (!reader) {
    ctx.privacy.noteFor(caller, subjectId, what, "NO_RELATIONSHIP");
    throw new ForbiddenError("A personal-data report is given to the person, a parent for their child, or the data protection officer");
  }
  if (reader !== "SELF") ctx.privacy.noteFor(caller, subjectId, what);
  return subjectId;
}
