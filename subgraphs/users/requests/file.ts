/**
 * Filing a data request: the subject (or a parent for a child) names the fields, the grounds and, for a
 * rectification, the values they should hold. Everything is checked before the one transaction that
 * writes the request and its FILED step.
 */
import type { AuthedContext } from "../../../shared/context.js";
import { BadUserInputError, ForbiddenError, NotFoundError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import { BlockedField } from "../../../shared/privacy/blocked-field.entity.js";
import { openDataRequest } from "../../../shared/privacy/open-requests.js";
import type { UsersContext } from "../context.js";
import { DataRequest, DataRequestStep, type DataRequestKind, type DataRequestReason } from "../entities/index.js";
import { mayFile } from "./access.js";
import { isPersonalField, isRectifiable, normaliseValue } from "./fields.js";

type Ctx = AuthedContext<UsersContext>;

export interface DataRequestDraft {
  subjectId: string;
  kind: DataRequestKind;
  fields: string[];
  reason?: DataRequestReason | null;
  corrections?: Array<{ field: string; value: string }> | null;
}

/** The most fields one request may name: every personal field once. */
const MAX_FIELDS = 32;

function checkFields(kind: DataRequestKind, fields: string[]): string[] {
  if (fields.length > MAX_FIELDS) throw new BadUserInputError("input.fields", `at most ${MAX_FIELDS} fields`);
  const unique = [...new Set(fields.map((f) => f.trim()))];
  if (unique.length !== fields.length) throw new BadUserInputError("input.fields", "a field is named twice");
  // An erasure covers the whole person; naming fields is optional there.
  if (unique.length === 0 && kind !== "ERASURE") throw new BadUserInputError("input.fields", "name at least one field");
  unique.forEach((field, i) => {
    const known = kind === "RECTIFICATION" ? isRectifiable(field) : isPersonalField(field);
    if (!known) {
      const what = kind === "RECTIFICATION" ? "a profile field that can be rectified" : "a personal field";
      throw new BadUserInputError(`input.fields[${i}]`, `"${field.slice(0, 60)}" is not ${what}`);
    }
  });
  return unique;
}

/** A rectification gives exactly one new value per named field, each valid for its field. */
function checkCorrections(
  kind: DataRequestKind,
  fields: string[],
  corrections: DataRequestDraft["corrections"],
): Record<string, string> | null {
  const given = corrections ?? [];
  if (kind !== "RECTIFICATION") {
    if (given.length > 0) throw new BadUserInputError("input.corrections", "only a rectification carries new values");
    return null;
  }
  const values: Record<string, string> = {};
  given.forEach(({ field, value }, i) => {
    if (!fields.includes(field)) throw new BadUserInputError(`input.corrections[${i}].field`, "not one of the fields of the request");
    if (Object.hasOwn(values, field)) throw new BadUserInputError(`input.corrections[${i}].field`, "a field is corrected twice");
    if (!isRectifiable(field)) throw new BadUserInputError(`input.corrections[${i}].field`, "cannot be rectified");
    values[field] = normaliseValue(field, value, `input.corrections[${i}].value`);
  });
  const missing = fields.find((f) => !Object.hasOwn(values, f));
  if (missing) throw new BadUserInputError("input.corrections", `no new value for ${missing}`);
  return values;
}

export async function fileDataRequest(ctx: Ctx, draft: DataRequestDraft): Promise<DataRequest> {
  const subjectId = parseId(draft.subjectId, "input.subjectId");
  if (!mayFile(ctx.caller, subjectId))
    throw new ForbiddenError("A request may be filed only by the person themself or a parent for their child");
  if (!(await ctx.loaders.user.load(subjectId))) throw new NotFoundError("User");

  const fields = checkFields(draft.kind, draft.fields);
  if (draft.kind !== "UNBLOCKING" && !draft.reason) throw new BadUserInputError("input.reason", "give the grounds of the request");
  const corrections = checkCorrections(draft.kind, fields, draft.corrections);
  if (draft.kind === "UNBLOCKING") {
    const blocked = new Set((await ctx.em.find(BlockedField, { subjectId, field: { $in: fields } })).map((b) => b.field));
    const free = fields.findIndex((f) => !blocked.has(f));
    if (free >= 0) throw new BadUserInputError(`input.fields[${free}]`, "this field is not blocked");
  }

  const filed = await ctx.em.transactional(async (em) => {
    const request = em.create(DataRequest, {
      subjectId,
      kind: draft.kind,
      fields,
      reason: draft.reason ?? null,
      corrections,
      filedById: ctx.caller.sub,
    });
    em.persist(request);
    em.persist(
      em.create(DataRequestStep, { requestId: request.id, kind: "FILED", actorId: ctx.caller.sub, detail: fields.join(",") || null }),
    );
    // Open until decided: the data protection officer now handles this person's request (DPO_HANDLING).
    openDataRequest(em, { requestId: request.id, subjectId });
    return request;
  });
  ctx.services.relay.kick();
  return filed;
}
