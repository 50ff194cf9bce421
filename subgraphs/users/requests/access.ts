/**
 * Who may take part in a data request. These are operation permissions of the workflow, not releases of a
 * personal field: filing is the subject's right (a parent's for their child), deciding is the school
 * admin's over their own school and the data protection officer's while the request is open. Reading a
 * person's requests follows the same standings; the officer reads them while handling one of that person's
 * requests, or under LEGAL_REQUEST with a basis. Nobody decides a request about themself. Every standing is
 * the shared one (shared/auth/relationships.ts).
 */
import type { Caller } from "../../../shared/auth/claims.js";
import { isHandlingRequestOf, isSchoolAdminOfSubject, isSelfOrGuardianOf } from "../../../shared/auth/relationships.js";
import type { DataSubject } from "../../../shared/auth/subject.js";
import type { AuthedContext } from "../../../shared/context.js";
import type { UsersContext } from "../context.js";

/** The subject themself (adult or student), or a parent for their child. */
export const mayFile = (caller: Caller, subjectId: string): boolean => isSelfOrGuardianOf(caller, subjectId);

/** The officer under a legal request with its basis (checked at the door, caller.ts). */
export const isDpoUnderLegalRequest = (caller: Caller): boolean =>
  caller.role === "DATA_PROTECTION_OFFICER" && caller.purpose === "LEGAL_REQUEST" && !!caller.legalBasis;

/**
 * The data protection officer handling the subject's open request, or the school admin of one of the
 * subject's schools. `subject` carries the open-request fact (withRequestFacts).
 */
export function mayDecide(caller: Caller, subject: DataSubject): boolean {
  if (caller.sub === subject.id) return false;
  return isHandlingRequestOf(caller, subject) || isSchoolAdminOfSubject(caller, subject);
}

/** Those who may file about the subject, those who may decide, and the officer under a legal request. */
export const mayRead = (caller: Caller, subject: DataSubject): boolean =>
  mayFile(caller, subject.id) || mayDecide(caller, subject) || isDpoUnderLegalRequest(caller);

/**
 * A data request is about a person: reading or deciding one about someone else is recorded in the audit,
 * under the name "DataRequest" (not the fields it names: the reader saw the request, not the data).
 */
export function auditRequestAccess(ctx: AuthedContext<UsersContext>, subjectIds: Iterable<string>): void {
  const caller = ctx.caller;
  for (const subjectId of new Set(subjectIds)) {
    if (subjectId !== caller.sub) ctx.privacy.noteFor(caller, subjectId, "DataRequest");
  }
}
