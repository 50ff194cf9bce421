/**
 * Events of the users subgraph's data-request workflow. A rectified contact field replaces the value in
 * this subgraph's contact replica; a correction becomes a DATA_CORRECTION notice to every earlier recipient
 * of the corrected fields, in the recipient's language, naming the fields but never a value. Idempotent
 * like the journal consumers: `consume` marks the event processed in the same transaction, and a notice is
 * unique per (event, recipient).
 */
import { randomUUID } from "node:crypto";
import type { EntityManager, MikroORM } from "@mikro-orm/core";
import type { NoticeChannel } from "../../../shared/config.js";
import type { EventBus, EventEnvelope } from "../../../shared/events/bus.js";
import { consume } from "../../../shared/events/outbox.js";
import { planDeliveries } from "../delivery/plan.js";
import { Contact, Notification } from "../entities/index.js";
import { chosenLocales } from "../preferences/read.js";
import { asLocale, correctionText } from "./templates.js";

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

async function onDataCorrected(em: EntityManager, channels: readonly NoticeChannel[], event: EventEnvelope): Promise<void> {
  const { subjectId } = event.payload;
  const recipients = recipientsOf(event.payload.recipients).filter((r) => r.fields.length > 0);
  if (typeof subjectId !== "string" || recipients.length === 0) return;
  const ids = recipients.map((r) => r.recipientId);
  const locales = new Map<string, string>((await em.find(Contact, { recipientId: { $in: ids } })).map((c) => [c.recipientId, c.locale]));
  for (const [id, chosen] of await chosenLocales(em, ids)) locales.set(id, chosen);
  const already = new Set((await em.find(Notification, { sourceEventId: event.id, recipientId: { $in: ids } })).map((n) => n.recipientId));
  const notices: Notification[] = [];
  for (const { recipientId, fields } of recipients) {
    if (already.has(recipientId)) continue;
    const { title, body } = correctionText(asLocale(locales.get(recipientId) ?? "UZ_LATN"), fields);
    notices.push(
      em.create(Notification, {
        id: randomUUID(),
        recipientId,
        // The person whose data was corrected: the notice links to them, and the policy decides what the reader sees of them.
        studentId: subjectId,
        kind: "DATA_CORRECTION",
        title,
        body,
        sourceEventId: event.id,
      }),
    );
  }
  em.persist(notices);
  await planDeliveries(em, notices, channels);
}

/**
 * Subscribes the notifications subgraph to the users subgraph's data-request events; called once per
 * process. `channels`: the external channels correction notices may also go out through.
 */
export function registerUsersConsumers(orm: MikroORM, bus: EventBus, channels: readonly NoticeChannel[] = []): void {
  consume(orm, bus, USERS_PROFILE_RECTIFIED, CONSUMER, onProfileRectified);
  consume(orm, bus, USERS_DATA_CORRECTED, CONSUMER, (em, event) => onDataCorrected(em, channels, event));
}
