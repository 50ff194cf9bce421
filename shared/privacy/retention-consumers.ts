/**
 * The retention schedule every subgraph keeps. Institutions publishes `institutions.enrolment.ended` and
 * `institutions.employment.ended`; each subgraph schedules the person for anonymisation
 * RETENTION_DAYS_AFTER_LEAVING days after the end (the processing period of the privacy policy) and
 * updates its own replica of enrolments or memberships. Users publishes `users.subject.erased` for a
 * granted erasure; each subgraph anonymises the person at once. Every handler is idempotent (`consume`).
 */
import type { EntityManager } from "@mikro-orm/core";
import { addDays, tashkentDay } from "../days.js";
import type { EventEnvelope } from "../events/bus.js";
import { consume } from "../events/outbox.js";
import type { SubgraphDeps } from "../federation/subgraph-module.js";
import { isId } from "../ids.js";
import { isIsoDate } from "../scalars.js";
import { anonymiseSubject, type RetentionPolicy } from "./retention-run.js";
import { RetentionSchedule, type RetentionReason } from "./retention-schedule.entity.js";
import { LEAVE_REASONS, type EmploymentEnded, type EnrolmentEnded, type SubgraphPrivacy } from "./subgraph-privacy.js";
import { now as clockNow } from "../clock.js";

/** Topics consumed here (the publishers keep their own constants; these are our copies of their contract). */
export const ENROLMENT_ENDED = "institutions.enrolment.ended";
export const EMPLOYMENT_ENDED = "institutions.employment.ended";
export const SUBJECT_ERASED = "users.subject.erased";

const id = (value: unknown): string | undefined => (typeof value === "string" && isId(value) ? value.toLowerCase() : undefined);
const day = (value: unknown): string | undefined => (typeof value === "string" && isIsoDate(value) ? value : undefined);

export function parseEnrolmentEnded(payload: Record<string, unknown>): EnrolmentEnded | undefined {
  const studentId = id(payload.studentId);
  const classId = id(payload.classId);
  const schoolId = id(payload.schoolId);
  const endedOn = day(payload.endedOn);
  const reason = LEAVE_REASONS.find((r) => r === payload.reason);
  return studentId && classId && schoolId && endedOn && reason ? { studentId, classId, schoolId, endedOn, reason } : undefined;
}

export function parseEmploymentEnded(payload: Record<string, unknown>): EmploymentEnded | undefined {
  const userId = id(payload.userId);
  const endedOn = day(payload.endedOn);
  const schoolId = payload.schoolId == null ? null : id(payload.schoolId);
  return userId && endedOn && schoolId !== undefined ? { userId, schoolId, endedOn } : undefined;
}

/**
 * Schedules `subjectId` for `dueOn`. A person already scheduled for the same reason keeps the later day
 * (their data is needed as long as the longest processing period); one already anonymised stays so.
 */
export async function schedule(em: EntityManager, subjectId: string, reason: RetentionReason, dueOn: string): Promise<void> {
  const row = await em.findOne(RetentionSchedule, { subjectId, reason });
  if (!row) {
    em.persist(em.create(RetentionSchedule, { subjectId, reason, dueOn }));
    return;
  }
  if (!row.doneAt && row.dueOn < dueOn) row.dueOn = dueOn;
}

export interface RetentionConsumerOptions {
  /** Names the subgraph: its durable consumer on NATS, its processed-event marks. */
  consumer: string;
  privacy: SubgraphPrivacy;
  policy: RetentionPolicy;
  daysAfterLeaving: number;
}

/** Subscribes the three retention consumers of one subgraph; called once per process. */
export function registerRetentionConsumers(deps: Pick<SubgraphDeps, "orm" | "bus" | "relay">, options: RetentionConsumerOptions): void {
  const { consumer, privacy, policy, daysAfterLeaving } = options;
  // A replica update may write outbox events (users: the changed claims of the people concerned); send them now.
  const replicaWrites = { afterCommit: () => deps.relay.kick() };

  consume(
    deps.orm,
    deps.bus,
    ENROLMENT_ENDED,
    consumer,
    async (em, event: EventEnvelope) => {
      const ended = parseEnrolmentEnded(event.payload);
      if (!ended) return;
      await privacy.onEnrolmentEnded?.(em, ended);
      await schedule(em, ended.studentId, "LEFT_SCHOOL", addDays(ended.endedOn, daysAfterLeaving));
    },
    replicaWrites,
  );

  consume(
    deps.orm,
    deps.bus,
    EMPLOYMENT_ENDED,
    consumer,
    async (em, event: EventEnvelope) => {
      const ended = parseEmploymentEnded(event.payload);
      if (!ended) return;
      await privacy.onEmploymentEnded?.(em, ended);
      await schedule(em, ended.userId, "EMPLOYMENT_ENDED", addDays(ended.endedOn, daysAfterLeaving));
    },
    replicaWrites,
  );

  // A granted erasure does not wait: the person is anonymised here in the same transaction as the mark.
  consume(
    deps.orm,
    deps.bus,
    SUBJECT_ERASED,
    consumer,
    async (em, event: EventEnvelope) => {
      const subjectId = id(event.payload.subjectId);
      if (!subjectId) return;
      const now = clockNow();
      await schedule(em, subjectId, "ERASURE", tashkentDay(now));
      await em.flush();
      await anonymiseSubject(em, policy, subjectId, now);
    },
    // An anonymiser may write outbox events (users: the revoked sessions); send them now, not on the next poll.
    { afterCommit: () => deps.relay.kick() },
  );
}
