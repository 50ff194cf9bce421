/**
 * Teacher-to-parent messages about a student: who may send one, that it is stored and published as
 * `journal.message.sent` through the outbox in the same transaction, that the event reaches the bus with
 * the text (the notice needs it) and that the text is never logged.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { EventEnvelope } from "../../../shared/events/bus.js";
import { OutboxEvent } from "../../../shared/events/outbox-event.entity.js";
import { ParentMessage } from "../../../subgraphs/journal/entities/index.js";
import { journalPrivacy } from "../../../subgraphs/journal/privacy/index.js";
import { journalSubgraph } from "../../../subgraphs/journal/server.js";
import { seedJournalWorld, type JournalWorld } from "../../fixtures/journal.js";
import { startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { SEND_PARENT_MESSAGE } from "../../graphql/journal-rules.js";
import { codes, gql } from "../../support/client.js";

let h: SubgraphHarness;
let w: JournalWorld;
const delivered: EventEnvelope[] = [];

beforeAll(async () => {
  h = await startSubgraphHarness(journalSubgraph);
  w = await seedJournalWorld(h.orm, { sizeA: 3, sizeB: 2 });
  h.bus.subscribe("journal.message.sent", "test", async (event) => {
    delivered.push(event);
  });
});
afterAll(() => h.close());

type Who = keyof JournalWorld["as"];
const send = async (who: Who, input: Record<string, unknown>, purpose?: string) =>
  gql(h.url, SEND_PARENT_MESSAGE, { input }, { token: await h.tokenFor(w.as[who]), purpose });
const outbox = async () =>
  (await h.orm.em.fork().find(OutboxEvent, { topic: "journal.message.sent" }, { orderBy: { seq: "asc" } })).map((e) => e.payload);

const TEXT = "Assalomu alaykum! Aziz bugun darsda o‘zini yaxshi tutmadi. Ertaga soat 14:00 da maktabga keling.";

describe("sendParentMessage", () => {
  it("by a subject teacher of the student's class: stored, published with the text, delivered on the bus, never logged", async () => {
    const logged: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" "))),
    );
    try {
      const res = await send("teacher2", { studentId: w.studentsA[0], topic: "BEHAVIOUR", text: `  ${TEXT}  ` });
      expect(res.errors).toBeUndefined();
      const message = res.data.sendParentMessage;
      expect(message).toMatchObject({
        topic: "BEHAVIOUR",
        text: TEXT,
        student: { id: w.studentsA[0] },
        sender: { id: w.teacher2 },
        schoolClass: { id: w.classA },
      });
      const stored = await h.orm.em.fork().findOneOrFail(ParentMessage, { id: message.id });
      expect(stored).toMatchObject({ studentId: w.studentsA[0], classId: w.classA, senderId: w.teacher2, topic: "BEHAVIOUR", text: TEXT });
      expect(await outbox()).toEqual([
        {
          messageId: message.id,
          studentId: w.studentsA[0],
          classId: w.classA,
          senderId: w.teacher2,
          topic: "BEHAVIOUR",
          text: TEXT,
          sentAt: stored.sentAt.toISOString(),
        },
      ]);
      await h.relay.drain();
      expect(delivered.map((e) => [e.topic, e.source, e.payload.messageId, e.payload.text])).toEqual([
        ["journal.message.sent", "journal", message.id, TEXT],
      ]);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(logged.filter((line) => line.includes("o‘zini yaxshi"))).toEqual([]);
  });

  it("by the homeroom teacher, a teacher of the student's class in any subject, or the school admin", async () => {
    expect(
      (await send("teacher", { studentId: w.studentsA[1], topic: "MEETING", text: "Ota-onalar majlisi shanba kuni." })).errors,
    ).toBeUndefined();
    expect(
      (await send("teacher", { studentId: w.studentsB[0], topic: "PROGRESS", text: "Matematikadan yaxshi natija." })).errors,
    ).toBeUndefined();
    const admin = await send("principal", { studentId: w.studentsB[1], topic: "OTHER", text: "Hujjatlarni olib keling." }, "JOURNAL");
    expect(admin.errors).toBeUndefined();
    expect(admin.data.sendParentMessage.sender.id).toBe(w.principal);
  });

  it("is FORBIDDEN to anyone else, and for an id that is no student on a roster, without saying which", async () => {
    const input = { studentId: w.studentsB[0], topic: "BEHAVIOUR", text: "Salom" };
    // teacher2 teaches class A only; the others have no class of the student.
    for (const who of ["teacher2", "otherTeacher", "parent", "student", "districtOfficial"] as const) {
      expect(codes(await send(who, input)), who).toEqual(["FORBIDDEN"]);
    }
    expect(codes(await send("teacher", { ...input, studentId: randomUUID() }))).toEqual(["FORBIDDEN"]);
    expect(await h.orm.em.fork().count(ParentMessage, { studentId: w.studentsB[0], senderId: { $ne: w.teacher } })).toBe(0);
  });

  it("refuses an empty or overlong text with BAD_USER_INPUT", async () => {
    for (const text of ["", "   ", "x".repeat(2001)]) {
      const res = await send("teacher", { studentId: w.studentsA[0], topic: "OTHER", text });
      expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
      expect(res.errors![0]!.extensions!.field).toBe("input.text");
    }
  });

  it("loses its text when the student is anonymised, in the journal and in the outbox; the row stays as a fact", async () => {
    const em = h.orm.em.fork();
    const counts = await journalPrivacy.anonymise(em, w.studentsA[0]!);
    await em.flush();
    expect(counts).toMatchObject({ parent_messages: 1, outbox_events: 1 });
    const rows = await h.orm.em.fork().find(ParentMessage, { studentId: w.studentsA[0] });
    expect(rows.map((m) => [m.topic, m.text])).toEqual([["BEHAVIOUR", null]]);
    // The published event's copy in the outbox loses the text; other students' messages keep theirs.
    const events = await outbox();
    expect(events.filter((e) => e.studentId === w.studentsA[0]).map((e) => e.text)).toEqual([null]);
    expect(events.filter((e) => e.studentId !== w.studentsA[0]).every((e) => typeof e.text === "string")).toBe(true);
  });
});
