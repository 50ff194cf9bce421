/**
 * users.consent.changed → notifications: a parent who withdrew PARENT_NOTIFICATIONS gets no more notices
 * about any of their children while the other guardian still does; giving it again resumes them. A late
 * or redelivered older change never undoes a newer one, and other consents change nothing here.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSigningKeys } from "../../../shared/auth/keys.js";
import { InProcessBus, type EventEnvelope } from "../../../shared/events/bus.js";
import { journalSubgraph } from "../../../subgraphs/journal/server.js";
import { GuardianLink, Notification } from "../../../subgraphs/notifications/entities/index.js";
import { notificationsSubgraph } from "../../../subgraphs/notifications/server.js";
import { seedJournalWorld, type JournalWorld } from "../../fixtures/journal.js";
import { startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { RECORD_GRADES } from "../../graphql/journal.js";
import { gql } from "../../support/client.js";

let bus: InProcessBus;
let notices: SubgraphHarness;
let journal: SubgraphHarness;
let w: JournalWorld;
/** `withdrawing` is the guardian of two children; `other` the second guardian of the first child. */
const withdrawing = randomUUID();
const other = randomUUID();

beforeAll(async () => {
  const keys = await generateSigningKeys();
  bus = new InProcessBus();
  notices = await startSubgraphHarness(notificationsSubgraph, { bus, keys });
  journal = await startSubgraphHarness(journalSubgraph, { bus, keys });
  w = await seedJournalWorld(journal.orm, { sizeA: 3, sizeB: 2 });
  const em = notices.orm.em.fork();
  for (const [studentId, guardianId] of [
    [w.studentsA[0]!, withdrawing],
    [w.studentsA[1]!, withdrawing],
    [w.studentsA[0]!, other],
  ]) {
    em.persist(em.create(GuardianLink, { id: randomUUID(), studentId, guardianId, locale: "EN" }));
  }
  await em.flush();
});
afterAll(async () => {
  await journal.close();
  await notices.close();
  await bus.close();
});

/** The event the users subgraph's relay would publish. */
const consentChanged = (payload: Record<string, unknown>): EventEnvelope => ({
  id: randomUUID(),
  topic: "users.consent.changed",
  source: "users",
  occurredAt: new Date().toISOString(),
  payload,
});
const change = (given: boolean, at: Date, kind = "PARENT_NOTIFICATIONS", subjectId = withdrawing) =>
  consentChanged({ subjectId, kind, version: "2026-09", given, givenBy: subjectId, at: at.toISOString() });

const links = async (guardianId: string) => (await notices.orm.em.fork().find(GuardianLink, { guardianId })).map((l) => l.notify);
const noticesOf = (recipientId: string) => notices.orm.em.fork().count(Notification, { recipientId });

/** The teacher records a mark for both of `withdrawing`'s children on the given day's lesson. */
async function recordMarks(day: number): Promise<void> {
  const res = await gql(
    journal.url,
    RECORD_GRADES,
    {
      input: {
        lessonId: w.lessonsA[day]!,
        kind: "CURRENT",
        entries: [
          { studentId: w.studentsA[0], value: 5 },
          { studentId: w.studentsA[1], value: 4 },
        ],
      },
    },
    { token: await journal.tokenFor(w.as.teacher) },
  );
  expect(res.errors).toBeUndefined();
  await journal.relay.drain();
}

describe("a parent's consent to notices", () => {
  it("withdrawn: no notice for that parent about any child, the other guardian still gets theirs", async () => {
    await recordMarks(0);
    expect([await noticesOf(withdrawing), await noticesOf(other)]).toEqual([2, 1]);

    await bus.publish(change(false, new Date()));
    expect(await links(withdrawing)).toEqual([false, false]);
    expect(await links(other)).toEqual([true]);

    await recordMarks(1);
    expect([await noticesOf(withdrawing), await noticesOf(other)]).toEqual([2, 2]);
  });

  it("given again: notices resume", async () => {
    await bus.publish(change(true, new Date()));
    expect(await links(withdrawing)).toEqual([true, true]);
    await recordMarks(2);
    expect([await noticesOf(withdrawing), await noticesOf(other)]).toEqual([4, 3]);
  });

  it("an older change arriving late changes nothing; other consents and other people neither", async () => {
    await bus.publish(change(false, new Date(Date.now() - 60_000)));
    expect(await links(withdrawing)).toEqual([true, true]);
    await bus.publish(change(false, new Date(), "USER_AGREEMENT"));
    await bus.publish(change(false, new Date(), "PRIVACY_POLICY"));
    expect(await links(withdrawing)).toEqual([true, true]);
    await bus.publish(change(false, new Date(), "PARENT_NOTIFICATIONS", randomUUID()));
    expect(await links(other)).toEqual([true]);
    // A malformed payload is ignored rather than guessed at.
    await bus.publish(consentChanged({ subjectId: withdrawing, kind: "PARENT_NOTIFICATIONS", given: "no", at: "yesterday" }));
    expect(await links(withdrawing)).toEqual([true, true]);
  });
});
