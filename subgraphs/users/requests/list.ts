/**
 * Listing data requests: about one subject (for the subject, a parent, or a decider), or everything the
 * caller may see (the officer: the people whose request is open; everything only under LEGAL_REQUEST). Reading someone else's requests is audited like any access to their data.
 */
import type { FilterQuery } from "@mikro-orm/core";
import { isolatedSubject } from "../../../shared/auth/subject.js";
import type { AuthedContext } from "../../../shared/context.js";
import { ForbiddenError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import type { UsersContext } from "../context.js";
import { DataRequest, type DataRequestStatus } from "../entities/index.js";
import { userSubject } from "../subjects.js";
import { withRequestFacts } from "../../../shared/auth/enforce.js";
import { OpenDataRequest } from "../../../shared/privacy/open-data-request.entity.js";
import { auditRequestAccess, isDpoUnderLegalRequest, mayDecide, mayRead } from "./access.js";

type Ctx = AuthedContext<UsersContext>;

/** Requests are rare (a handful per school and year); the newest this many are plenty for one screen. */
const MAX_LISTED = 500;

/** The subjects of pending-or-not requests that fall under a school admin: those placed at their school. */
async function subjectsOfMySchool(ctx: Ctx, where: FilterQuery<DataRequest>): Promise<string[]> {
  const candidates = await ctx.em.find(DataRequest, where, { fields: ["subjectId"], disableIdentityMap: true });
  const ids = [...new Set(candidates.map((r) => r.subjectId))];
  const subjects = await Promise.all(ids.map(async (id) => withRequestFacts(ctx, (await userSubject(ctx, { id })) ?? isolatedSubject(id))));
  return ids.filter((_, i) => mayDecide(ctx.caller, subjects[i]!));
}

async function whereFor(
  ctx: Ctx,
  subjectIdArg: string | undefined,
  status: DataRequestStatus | undefined,
): Promise<FilterQuery<DataRequest>> {
  const caller = ctx.caller;
  const byStatus = status ? { status } : {};
  if (subjectIdArg) {
    const subjectId = parseId(subjectIdArg, "subjectId");
    const subject = await withRequestFacts(ctx, (await userSubject(ctx, { id: subjectId })) ?? isolatedSubject(subjectId));
    if (!mayRead(caller, subject)) throw new ForbiddenError("You may not see this person's data requests");
    return { subjectId, ...byStatus };
  }
  const mine = [{ subjectId: { $in: [caller.sub, ...(caller.role === "PARENT" ? caller.children : [])] } }, { filedById: caller.sub }];
  if (isDpoUnderLegalRequest(caller)) return byStatus;
  if (caller.role === "DATA_PROTECTION_OFFICER") {
    // The officer's queue: the people whose request is open, and what they filed before (DPO_HANDLING).
    const open = await ctx.em.find(OpenDataRequest, { open: true }, { fields: ["subjectId"], disableIdentityMap: true });
    return { $or: [...mine, { subjectId: { $in: [...new Set(open.map((o) => o.subjectId))] } }], ...byStatus };
  }
  if (caller.role === "SCHOOL_ADMIN") {
    const school = await subjectsOfMySchool(ctx, byStatus);
    return { $or: [...mine, { subjectId: { $in: school } }], ...byStatus };
  }
  return { $or: mine, ...byStatus };
}

export async function listDataRequests(ctx: Ctx, subjectIdArg?: string, status?: DataRequestStatus): Promise<DataRequest[]> {
  const rows = await ctx.em.find(DataRequest, await whereFor(ctx, subjectIdArg, status), {
    orderBy: { filedAt: "desc", id: "asc" },
    limit: MAX_LISTED,
  });
  auditRequestAccess(
    ctx,
    rows.map((r) => r.subjectId),
  );
  return rows;
}
