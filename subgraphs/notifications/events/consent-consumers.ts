/**
 * Honours a parent's consent to notices: `users.consent.changed` for PARENT_NOTIFICATIONS switches
 * `notify` of that guardian and on every link of theirs (guardians/read-model.ts), so the journal consumers stop
 * (or resume) writing their notices; a link made later starts from the guardian's state.
 * A change older than the last one applied is ignored, so redelivery or reordering cannot undo a withdrawal.
 */
import type { EntityManager, MikroORM } from "@mikro-orm/core";
import type { EventBus, EventEnvelope } from "../../../shared/events/bus.js";
import { consume } from "../../../shared/events/outbox.js";
import { applyConsent } from "../guardians/read-model.js";

/** Topic of the users subgraph's outbox (its published contract; we keep our own copy, not its code). */
export const USERS_CONSENT_CHANGED = "users.consent.changed";

const CONSUMER = "notifications";
const NOTICE_CONSENT = "PARENT_NOTIFICATIONS";

async function onConsentChanged(em: EntityManager, event: EventEnvelope): Promise<void> {
  const { subjectId, kind, given, at } = event.payload;
  const when = typeof at === "string" ? new Date(at) : undefined;
  if (kind !== NOTICE_CONSENT || typeof subjectId !== "string" || typeof given !== "boolean" || !when || Number.isNaN(when.getTime())) {
    return;
  }
  await applyConsent(em, subjectId, given, when);
}

/** Subscribes the notifications subgraph to consent changes; called once per process. */
export function registerConsentConsumers(orm: MikroORM, bus: EventBus): void {
  consume(orm, bus, USERS_CONSENT_CHANGED, CONSUMER, onConsentChanged);
}
