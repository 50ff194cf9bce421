/**
 * Listing data requests: about one subject (for the subject, a parent, or a decider), or everything the
 * caller may see. Reading someone else's requests is audited like any access to their data.
 */
import type { FilterQuery } from "@mikro-orm/core";
import { isolatedSubject } from "../../../shared/auth/subject.js";
import type { AuthedContext } from "../../../shared/context.js";
import { ForbiddenError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import type { UsersContext } from "../context.js";
import { DataRequest, type DataRequestStatus } from "../entities/index.js";
import { userSubject } from "../subjects.js";
import { auditRequestAccess, mayDecide, mayRead } from "./access.js";

type Ctx = AuthedContext<UsersContext>;

/** Requests are rare (a handful per school and year); the newest this many are plenty for one screen. */
const MAX_LISTED = 500;

/** The subjects of pending-or-not requests that fall under a school admin: those placed at their school. */
async function subjectsOfMySchool(ctx: Ctx, where: FilterQuery<DataRequest>): Promise<string[]> {
  const candidates = await ctx.em.find(DataRequest, where, { fields: ["subjectId"], disableIdentityMap: true });
  const ids = [...new Set(candidates.map((r) => r.subjectId))];
  const subjects = await Promise.all(ids.map((id) => userSubject(ctx, { id })));
  return ids.filter((id, i) => mayDecide(ctx.caller, subjects[i] ?? isolatedSubject(id)));
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
    const subject = (await userSubject(ctx, { id: subjectId })) ?? isolatedSubject(subjectId);
    if (!mayRead(caller, subject)) throw new ForbiddenError("You may not see this person's data requests");
    return { subjectId, ...byStatus };
  }
  const mine = [{ subjectId: { $in: [caller.sub, ...(caller.role === "PARENT" ? caller.children : [])] } }, { filedById: caller.sub }];
  if (caller.role === "DATA_PROTECTION_OFFICER") return byStatus;
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
