/**
 * The shared retention machinery without any subgraph: the consumers fill the schedule idempotently, the
 * later end wins, malformed events are ignored, an erasure anonymises at once; the run carries out what
 * is due, a dry run changes nothing, and the audit purge takes only old rows.
 */
import { randomUUID } from "node:crypto";
import type { EntityManager, MikroORM } from "@mikro-orm/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AccessRecord } from "../../shared/audit/access-record.entity.js";
import { startOfTashkentDay } from "../../shared/days.js";
import { openDatabase } from "../../shared/db/database.js";
import { InProcessBus } from "../../shared/events/bus.js";
import type { OutboxRelay } from "../../shared/events/outbox.js";
import { EMPLOYMENT_ENDED, ENROLMENT_ENDED, registerRetentionConsumers, SUBJECT_ERASED } from "../../shared/privacy/retention-consumers.js";
import { runRetention, type RetentionPolicy } from "../../shared/privacy/retention-run.js";
import { RetentionSchedule } from "../../shared/privacy/retention-schedule.entity.js";
import { RetentionJob } from "../../shared/privacy/retention.js";
import type { EnrolmentEnded } from "../../shared/privacy/subgraph-privacy.js";

let orm: MikroORM;
const bus = new InProcessBus();
let kicks = 0;
const anonymised: string[] = [];
const replicaUpdates: EnrolmentEnded[] = [];
/** Stands for a subgraph's table of people: anonymising one counts a row the first time only. */
const identified = new Set<string>();

const policy: RetentionPolicy = {
  subgraph: "test",
  auditDays: 10,
  settings: { accessTtlSeconds: 900 },
  anonymise: async (_em: EntityManager, subjectId: string) => {
    anonymised.push(subjectId);
    const changed = identified.delete(subjectId) ? 1 : 0;
    return { people: changed };
  },
};

const event = (topic: string, payload: Record<string, unknown>, id = randomUUID()) => ({
  id,
  topic,
  source: "test",
  occurredAt: new Date().toISOString(),
  payload,
});
const schedules = (subjectId: string) =>
  orm.em
    .fork()
    .find(RetentionSchedule, { subjectId }, { orderBy: { reason: "asc" } })
    .then((rows) => rows.map((r) => ({ reason: r.reason, dueOn: r.dueOn, done: !!r.doneAt })));

beforeAll(async () => {
  orm = await openDatabase({ name: "retention", entities: [], url: ":memory:" });
  registerRetentionConsumers(
    { orm, bus, relay: { kick: () => (kicks += 1) } as unknown as OutboxRelay },
    {
      consumer: "test",
      policy,
      daysAfterLeaving: 30,
      privacy: { anonymise: policy.anonymise, onEnrolmentEnded: async (_em, ended) => void replicaUpdates.push(ended) },
    },
  );
});
afterAll(() => orm?.close());
beforeEach(() => {
  anonymised.length = 0;
  replicaUpdates.length = 0;
});

describe("the retention consumers", () => {
  const student = randomUUID();
  const enrolment = (endedOn: string) => ({
    studentId: student,
    classId: randomUUID(),
    schoolId: randomUUID(),
    endedOn,
    reason: "GRADUATED",
  });

  it("a leaving schedules the person once, however often it is delivered, and updates the replica once", async () => {
    const e = event(ENROLMENT_ENDED, enrolment("2027-05-25"));
    await bus.publish(e);
    await bus.publish(e);
    expect(await schedules(student)).toEqual([{ reason: "LEFT_SCHOOL", dueOn: "2027-06-24", done: false }]);
    expect(replicaUpdates.map((u) => u.endedOn)).toEqual(["2027-05-25"]);
  });

  it("a later end moves the due day on; an earlier one does not move it back", async () => {
    await bus.publish(event(ENROLMENT_ENDED, enrolment("2027-06-10")));
    await bus.publish(event(ENROLMENT_ENDED, enrolment("2027-01-01")));
    expect(await schedules(student)).toEqual([{ reason: "LEFT_SCHOOL", dueOn: "2027-07-10", done: false }]);
  });

  it("a malformed event is ignored", async () => {
    const nobody = randomUUID();
    await bus.publish(event(ENROLMENT_ENDED, { ...enrolment("2027-02-30"), studentId: nobody }));
    await bus.publish(event(ENROLMENT_ENDED, { ...enrolment("2027-02-01"), studentId: nobody, reason: "EXPELLED" }));
    await bus.publish(event(EMPLOYMENT_ENDED, { userId: "not-an-id", schoolId: null, endedOn: "2027-02-01" }));
    await bus.publish(event(SUBJECT_ERASED, { subjectId: 42 }));
    expect(await schedules(nobody)).toEqual([]);
    expect(anonymised).toEqual([]);
  });

  it("an employment end schedules EMPLOYMENT_ENDED (a school or none)", async () => {
    const official = randomUUID();
    await bus.publish(event(EMPLOYMENT_ENDED, { userId: official, schoolId: null, endedOn: "2029-01-31" }));
    expect(await schedules(official)).toEqual([{ reason: "EMPLOYMENT_ENDED", dueOn: "2029-03-02", done: false }]);
  });

  it("an erasure anonymises at once, marks every pending schedule of the person done and kicks the relay", async () => {
    identified.add(student);
    const before = kicks;
    await bus.publish(event(SUBJECT_ERASED, { subjectId: student, dataRequestId: randomUUID() }));
    expect(anonymised).toEqual([student]);
    const rows = await orm.em.fork().find(RetentionSchedule, { subjectId: student }, { orderBy: { reason: "asc" } });
    expect(rows.map((r) => [r.reason, !!r.doneAt, r.outcome])).toEqual([
      ["ERASURE", true, { people: 1 }],
      ["LEFT_SCHOOL", true, { people: 1 }],
    ]);
    expect(kicks).toBe(before + 1);
  });
});

describe("the retention run", () => {
  const due = randomUUID();
  const later = randomUUID();

  beforeAll(async () => {
    const em = orm.em.fork();
    em.persist(em.create(RetentionSchedule, { subjectId: due, reason: "LEFT_SCHOOL", dueOn: "2028-01-10" }));
    em.persist(em.create(RetentionSchedule, { subjectId: later, reason: "EMPLOYMENT_ENDED", dueOn: "2028-01-11" }));
    const record = (at: string) =>
      em.create(AccessRecord, {
        accessorId: randomUUID(),
        accessorRole: "TEACHER",
        purpose: "JOURNAL",
        subjectId: due,
        fields: "User.fullName",
        released: true,
        requestId: at,
        at: new Date(at),
      });
    // With auditDays 10 and now = the start of 2028-01-10 in Tashkent (2028-01-09T19:00Z), what is older than 2027-12-30T19:00Z goes.
    em.persist([record("2027-12-20T00:00:00Z"), record("2027-12-30T18:59:59Z"), record("2027-12-30T19:00:01Z")]);
    await em.flush();
    identified.add(due);
  });

  const now = startOfTashkentDay("2028-01-10");

  it("a dry run reports the person due and the old access records, and changes nothing", async () => {
    const report = await runRetention(orm.em, policy, { now, dryRun: true });
    expect(report).toMatchObject({
      dryRun: true,
      today: "2028-01-10",
      subjects: [{ subjectId: due, reasons: ["LEFT_SCHOOL"], dueOn: "2028-01-10", tables: { people: 1 } }],
      tables: { people: 1 },
      audit: { purged: 2 },
    });
    expect(await schedules(due)).toEqual([{ reason: "LEFT_SCHOOL", dueOn: "2028-01-10", done: false }]);
    expect(await orm.em.fork().count(AccessRecord, {})).toBe(3);
  });

  it("the run anonymises who is due, not who is due tomorrow, and purges only the old access records", async () => {
    identified.add(due);
    const report = await runRetention(orm.em, policy, { now });
    expect(report.subjects.map((s) => s.subjectId)).toEqual([due]);
    expect(report.audit.purged).toBe(2);
    expect(await schedules(due)).toEqual([{ reason: "LEFT_SCHOOL", dueOn: "2028-01-10", done: true }]);
    expect(await schedules(later)).toEqual([{ reason: "EMPLOYMENT_ENDED", dueOn: "2028-01-11", done: false }]);
    expect((await orm.em.fork().find(AccessRecord, {})).map((r) => r.requestId)).toEqual(["2027-12-30T19:00:01Z"]);
  });

  it("the scheduled job runs the same (as of now) on demand and stops cleanly; with interval 0 it starts no timer", async () => {
    const overdue = randomUUID();
    const em = orm.em.fork();
    em.persist(em.create(RetentionSchedule, { subjectId: overdue, reason: "LEFT_SCHOOL", dueOn: "2020-01-01" }));
    await em.flush();
    const job = new RetentionJob(orm, policy, 0);
    job.start();
    await job.runOnce();
    await job.stop();
    expect(await schedules(overdue)).toEqual([{ reason: "LEFT_SCHOOL", dueOn: "2020-01-01", done: true }]);
    expect(await schedules(later)).toEqual([{ reason: "EMPLOYMENT_ENDED", dueOn: "2028-01-11", done: false }]);
  });
});
