/**
 * Events of the users subgraph's data-request workflow. A rectified contact field replaces the value in
 * this subgraph's contact replica; a correction becomes a DATA_CORRECTION notice to every earlier recipient
 * of the corrected fields, in the recipient's language, naming the fields but never a value. Idempotent
 * like the journal consumers: `consume` marks the event processed in the same transaction, and a notice is
 * unique per (event, recipient).
 */
import type { EntityManager, MikroORM } from "@mikro-orm/core";
import type { EventBus, EventEnvelope } from "../../../shared/events/bus.js";
import { consume } from "../../../shared/events/outbox.js";
import { Contact } from "../entities/index.js";
import type { NoticePipeline } from "../notices/pipeline.js";
import { notifyRecipients } from "../notices/write.js";
import { correctionText } from "../templates/correction.js";
import { recipientLocales } from "../guardians/read-model.js";

/** Topics of the users subgraph's outbox (its published contract; we keep our own copy, not its code). */
export const USERS_PROFILE_RECTIFIED = "users.profile.rectified";
export const USERS_DATA_CORRECTED = "users.data.corrected";

const CONSUMER = "notifications";

/** The contact columns this replica holds, by the field name users publishes them under. */
const CONTACT_COLUMNS = { "User.phone": "phone", "User.email": "email" } as const;

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === "string");

async function onProfileRectified(em: EntityManager, event: EventEnvelope): Promise<void> {
  const { subjectId, fields } = event.payload;
  if (typeof subjectId !== "string" || typeof fields !== "object" || fields === null) return;
  const contact = (await em.findOne(Contact, { recipientId: subjectId })) ?? em.create(Contact, { recipientId: subjectId });
  for (const [field, column] of Object.entries(CONTACT_COLUMNS)) {
    const value = (fields as Record<string, unknown>)[field];
    if (typeof value === "string") contact[column] = value;
  }
  em.persist(contact);
}

interface CorrectedRecipient {
  recipientId: string;
  fields: string[];
}

const recipientsOf = (value: unknown): CorrectedRecipient[] =>
  Array.isArray(value)
    ? value.filter(
        (r): r is CorrectedRecipient => typeof r === "object" && r !== null && typeof r.recipientId === "string" && isStrings(r.fields),
      )
    : [];

async function onDataCorrected(em: EntityManager, event: EventEnvelope, pipeline: NoticePipeline): Promise<void> {
  const { subjectId } = event.payload;
  const recipients = recipientsOf(event.payload.recipients).filter((r) => r.fields.length > 0);
  if (typeof subjectId !== "string" || recipients.length === 0) return;
  const ids = recipients.map((r) => r.recipientId);
  const locales = await recipientLocales(em, ids);
  await notifyRecipients(
    em,
    pipeline,
    event,
    recipients.map(({ recipientId, fields }) => ({
      recipientId,
      // The person whose data was corrected: the notice links to them, and the policy decides what the reader sees of them.
      studentId: subjectId,
      kind: "DATA_CORRECTION",
      text: correctionText(locales.get(recipientId) ?? "UZ_LATN", fields),
    })),
  );
}

/** Subscribes the notifications subgraph to the users subgraph's data-request events; called once per process. */
export function registerUsersConsumers(orm: MikroORM, bus: EventBus, pipeline: NoticePipeline): void {
  consume(orm, bus, USERS_PROFILE_RECTIFIED, CONSUMER, onProfileRectified);
  consume(orm, bus, USERS_DATA_CORRECTED, CONSUMER, (em, event) => onDataCorrected(em, event, pipeline));
}
