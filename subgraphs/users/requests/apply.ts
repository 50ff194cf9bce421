/**
 * What a granted request does, inside the decision's transaction: the change here, the events that carry
 * it to the other subgraphs, and a step for each.
 */
import type { EntityManager } from "@mikro-orm/core";
import { enqueue } from "../../../shared/events/outbox.js";
import { applyBlocks } from "../../../shared/privacy/blocks.js";
import { CorrectionMessage, DataRequestStep, User, type DataRequest, type DataRequestStepKind } from "../entities/index.js";
import { PROFILE_CHANGED, profileChanged } from "../events/profile-changed.js";
import {
  DATA_BLOCKED,
  DATA_CORRECTED,
  PROFILE_RECTIFIED,
  SUBJECT_ERASED,
  type DataBlocked,
  type DataCorrected,
  type ProfileRectified,
  type SubjectErased,
} from "../events/published.js";
import { CONTACT_FIELDS, RECTIFIABLE, isRectifiable } from "./fields.js";
import { earlierRecipients } from "./recipients.js";

const step = (em: EntityManager, request: DataRequest, kind: DataRequestStepKind, detail: string, restricted = false): void => {
  em.persist(em.create(DataRequestStep, { requestId: request.id, kind, detail, restricted }));
};

function publish(em: EntityManager, request: DataRequest, topic: string, payload: object): void {
  enqueue(em, topic, { ...payload });
  step(em, request, "PUBLISHED", topic);
}

/**
 * Writes the new values, hands the contact fields to their replicas, and tells everyone the old values
 * were released to: a DATA_CORRECTION notice for each account (through notifications), a recorded message
 * for each external recipient.
 */
async function rectify(em: EntityManager, request: DataRequest): Promise<void> {
  const user = await em.findOneOrFail(User, request.subjectId);
  const corrections = request.corrections ?? {};
  const fields = request.fields.filter(isRectifiable);
  for (const field of fields) {
    const column = RECTIFIABLE[field];
    const value = corrections[field]!;
    if (column === "gender") user.gender = value as "M" | "F";
    else user[column] = value;
    // The stored Cyrillic spelling belonged to the old name; without it the name is transliterated.
    if (column === "fullName") user.fullNameCyrl = null;
  }
  step(em, request, "APPLIED", fields.join(","));

  // A student's corrected name reaches the replica that names them in notices to their guardians.
  if (fields.includes("User.fullName") && user.role === "STUDENT") {
    publish(em, request, PROFILE_CHANGED, profileChanged(user));
  }

  const contacts = Object.fromEntries(fields.filter((f) => CONTACT_FIELDS.includes(f)).map((f) => [f, corrections[f]!]));
  if (Object.keys(contacts).length > 0) {
    publish(em, request, PROFILE_RECTIFIED, { subjectId: request.subjectId, fields: contacts } satisfies ProfileRectified);
  }

  const recipients = await earlierRecipients(em, request.subjectId, fields);
  if (recipients.internal.length > 0) {
    const payload: DataCorrected = { subjectId: request.subjectId, dataRequestId: request.id, recipients: recipients.internal };
    enqueue(em, DATA_CORRECTED, { ...payload });
  }
  step(em, request, "RECIPIENTS_NOTIFIED", `${recipients.internal.length} earlier recipient(s) with an account`);
  for (const external of recipients.external) {
    em.persist(
      em.create(CorrectionMessage, {
        dataRequestId: request.id,
        subjectId: request.subjectId,
        recipient: external.recipient,
        basis: external.basis,
        fields: external.fields.join(","),
        restricted: external.restricted,
      }),
    );
    // A restricted disclosure's correction is recorded, but only the officer sees that step.
    step(em, request, "EXTERNAL_RECIPIENT_MESSAGED", `${external.recipient}: ${external.fields.join(",")}`, external.restricted);
  }
}

/** Puts the block in force here (the enforcement reads this table) and in every other subgraph's replica. */
async function block(em: EntityManager, request: DataRequest, blocked: boolean): Promise<void> {
  const change: DataBlocked = { subjectId: request.subjectId, fields: request.fields, blocked };
  await applyBlocks(em, change);
  step(em, request, "APPLIED", `${blocked ? "blocked" : "unblocked"}: ${request.fields.join(",")}`);
  publish(em, request, DATA_BLOCKED, change);
}

/** Erasure is every subgraph's anonymiser's work; this subgraph orders it through the outbox. */
function erase(em: EntityManager, request: DataRequest): void {
  publish(em, request, SUBJECT_ERASED, { subjectId: request.subjectId, dataRequestId: request.id } satisfies SubjectErased);
}

export async function applyGranted(em: EntityManager, request: DataRequest): Promise<void> {
  switch (request.kind) {
    case "RECTIFICATION":
      return rectify(em, request);
    case "BLOCKING":
      return block(em, request, true);
    case "UNBLOCKING":
      return block(em, request, false);
    case "ERASURE":
      return erase(em, request);
  }
}
