/**
 * Who may take part in a data request. These are operation permissions of the workflow, not releases of a
 * personal field: filing is the subject's right (a parent's for their child), deciding is the school
 * admin's over their own school and the data protection officer's over anyone. Nobody decides a request
 * about themself.
 */
import type { Caller } from "../../../shared/auth/claims.js";
import type { DataSubject } from "../../../shared/auth/subject.js";
import type { AuthedContext } from "../../../shared/context.js";
import type { UsersContext } from "../context.js";

/** The subject themself (adult or student), or a parent for their child. */
export const mayFile = (caller: Caller, subjectId: string): boolean =>
  caller.sub === subjectId || (caller.role === "PARENT" && caller.children.includes(subjectId));

/** The data protection officer (whatever purpose they declared), or the school admin of one of the subject's schools. */
export function mayDecide(caller: Caller, subject: DataSubject): boolean {
  if (caller.sub === subject.id) return false;
  if (caller.role === "DATA_PROTECTION_OFFICER") return true;
  const schoolId = caller.org.schoolId;
  return caller.role === "SCHOOL_ADMIN" && !!schoolId && subject.schoolIds.includes(schoolId);
}

/** Those who may file about the subject and those who may decide. */
export const mayRead = (caller: Caller, subject: DataSubject): boolean => mayFile(caller, subject.id) || mayDecide(caller, subject);

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
