/**
 * Deciding a data request. The status changes by a conditional update inside the transaction, so of two
 * deciders acting at once only one decides; a grant applies the request in that same transaction.
 */
import { withRequestFacts } from "../../../shared/auth/enforce.js";
import { isolatedSubject } from "../../../shared/auth/subject.js";
import { closeDataRequest } from "../../../shared/privacy/open-requests.js";
import type { AuthedContext } from "../../../shared/context.js";
import { BadUserInputError, ForbiddenError, NotFoundError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import type { UsersContext } from "../context.js";
import { DataRequest, DataRequestStep } from "../entities/index.js";
import { userSubject } from "../subjects.js";
import { auditRequestAccess, mayDecide } from "./access.js";
import { applyGranted } from "./apply.js";
import { now } from "../../../shared/clock.js";

type Ctx = AuthedContext<UsersContext>;

const MAX_NOTE = 2000;

export async function decideDataRequest(ctx: Ctx, idArg: string, grant: boolean, noteArg?: string | null): Promise<DataRequest> {
  const id = parseId(idArg, "id");
  const found = await ctx.em.findOne(DataRequest, id);
  if (!found) throw new NotFoundError("DataRequest");
  const subject = await withRequestFacts(ctx, (await userSubject(ctx, { id: found.subjectId })) ?? isolatedSubject(found.subjectId));
  if (!mayDecide(ctx.caller, subject)) {
    throw new ForbiddenError(
      "Only the school's administration or the data protection officer handling the open request may decide, and never about themself",
    );
  }
  const note = noteArg?.trim() || null;
  if (!grant && !note) throw new BadUserInputError("note", "a refusal must say why");
  if (note && note.length > MAX_NOTE) throw new BadUserInputError("note", `at most ${MAX_NOTE} characters`);
  if (found.status !== "PENDING") throw new BadUserInputError("id", `the request was already ${found.status.toLowerCase()}`);

  const decidedAt = now();
  await ctx.em.transactional(async (em) => {
    const status = grant ? "GRANTED" : "REFUSED";
    const changed = await em.nativeUpdate(
      DataRequest,
      { id, status: "PENDING" },
      { status, decidedById: ctx.caller.sub, decidedAt, decisionNote: note },
    );
    if (changed === 0) throw new BadUserInputError("id", "the request was already decided");
    em.persist(em.create(DataRequestStep, { requestId: id, kind: status, actorId: ctx.caller.sub, detail: note }));
    // Decided: the officer's standing towards the subject (DPO_HANDLING) ends here and in every subgraph.
    await closeDataRequest(em, { requestId: id, subjectId: found.subjectId });
    if (grant) await applyGranted(em, await em.findOneOrFail(DataRequest, id, { refresh: true }));
  });
  ctx.services.relay.kick();
  auditRequestAccess(ctx, [found.subjectId]);
  return ctx.em.findOneOrFail(DataRequest, id, { refresh: true });
}
