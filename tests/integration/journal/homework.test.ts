/** setLessonTopic / setHomework: the lesson's teacher writes; homework keeps history and tells parents through the outbox. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxEvent } from "../../../shared/events/outbox-event.entity.js";
import { HomeworkChange, Lesson } from "../../../subgraphs/journal/entities/index.js";
import { journalSubgraph } from "../../../subgraphs/journal/server.js";
import { seedJournalWorld, type JournalWorld } from "../../fixtures/journal.js";
import { startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import {
  ASSIGN_SUBSTITUTE,
  CANCEL_LESSON,
  HOMEWORK_HISTORY,
  LESSON_HOMEWORK_HISTORY,
  SET_HOMEWORK,
  SET_LESSON_TOPIC,
} from "../../graphql/schedule.js";
import { codes, gql } from "../../support/client.js";
import { pinToday, unpinToday } from "../../support/clock.js";
import { usingPostgres } from "../../support/database.js";

let h: SubgraphHarness;
let w: JournalWorld;
let teacher: string;
let admin: string;

beforeAll(async () => {
  // The day after the fixture's last lessons: a substitute given one of them is still within SUBSTITUTE_DAYS.
  pinToday("2026-11-21");
  h = await startSubgraphHarness(journalSubgraph);
  w = await seedJournalWorld(h.orm, { sizeA: 2, sizeB: 1 });
  teacher = await h.tokenFor(w.as.teacher);
  admin = await h.tokenFor(w.as.principal);
});
afterAll(async () => {
  await h.close();
  unpinToday();
});

/** Class A's maths lessons are on 16..20 November, period 1. */
const monday = () => w.lessonsA[0]!;
const homework = (lessonId: string, text: string | null, dueOn?: string | null, token = teacher) =>
  gql(h.url, SET_HOMEWORK, { lessonId, text, dueOn }, { token });
const events = () => h.orm.em.fork().find(OutboxEvent, { topic: "journal.homework.set" }, { orderBy: { seq: "asc" } });
const history = (lessonId: string) => h.orm.em.fork().find(HomeworkChange, { lessonId }, { orderBy: { changedAt: "asc" } });
const field = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => res.errors?.[0]?.extensions?.field;

describe("setLessonTopic", () => {
  it("is written by the lesson's teacher, trimmed; empty clears it", async () => {
    const res = await gql(h.url, SET_LESSON_TOPIC, { lessonId: monday(), topic: "  Kasrlarni qo‘shish " }, { token: teacher });
    expect(res.data.setLessonTopic.topic).toBe("Kasrlarni qo‘shish");
    const cleared = await gql(h.url, SET_LESSON_TOPIC, { lessonId: monday(), topic: "" }, { token: teacher });
    expect(cleared.data.setLessonTopic.topic).toBeNull();
  });

  it("is FORBIDDEN to another teacher, the school's administration and parents", async () => {
    for (const who of [w.as.teacher2, w.as.otherTeacher, w.as.principal, w.as.parent]) {
      const res = await gql(h.url, SET_LESSON_TOPIC, { lessonId: monday(), topic: "X" }, { token: await h.tokenFor(who) });
      expect(codes(res)).toEqual(["FORBIDDEN"]);
    }
    expect(field(await gql(h.url, SET_LESSON_TOPIC, { lessonId: monday(), topic: "x".repeat(501) }, { token: teacher }))).toBe("topic");
    expect(codes(await gql(h.url, SET_LESSON_TOPIC, { lessonId: randomUUID(), topic: "X" }, { token: teacher }))).toEqual(["NOT_FOUND"]);
  });
});

describe("setHomework", () => {
  it("sets text and due date, keeps the change in history and publishes journal.homework.set in the same commit", async () => {
    const res = await homework(monday(), " 45-mashq, 3-bet ", "2026-11-18");
    expect(res.errors).toBeUndefined();
    expect([res.data.setHomework.homework, res.data.setHomework.homeworkDueOn]).toEqual(["45-mashq, 3-bet", "2026-11-18"]);
    expect((await events()).map((e) => e.payload)).toEqual([
      { lessonId: monday(), classId: w.classA, subjectId: w.maths, dueOn: "2026-11-18", studentIds: [...w.studentsA].sort() },
    ]);
    const [change] = await history(monday());
    expect(change).toMatchObject({
      changedById: w.teacher,
      oldText: null,
      newText: "45-mashq, 3-bet",
      oldDueOn: null,
      newDueOn: "2026-11-18",
    });
  });

  it("defaults the due date to the class's next lesson of the subject", async () => {
    const res = await homework(w.lessonsA[1]!, "46-mashq");
    expect(res.data.setHomework.homeworkDueOn).toBe("2026-11-18");
    // The last maths lesson has none after it: a due date must be given.
    const none = await homework(w.lessonsA[4]!, "47-mashq");
    expect(codes(none)).toEqual(["BAD_USER_INPUT"]);
    expect(field(none)).toBe("dueOn");
  });

  it("records a change with old and new values; the same homework again changes nothing", async () => {
    const before = (await events()).length;
    await homework(monday(), "45-mashq, 3-bet", "2026-11-18");
    expect((await events()).length).toBe(before);
    expect(await history(monday())).toHaveLength(1);

    await homework(monday(), "45 va 46-mashqlar", "2026-11-19");
    const changes = await history(monday());
    expect(changes.map((c) => [c.oldText, c.newText, c.oldDueOn, c.newDueOn])).toEqual([
      [null, "45-mashq, 3-bet", null, "2026-11-18"],
      ["45-mashq, 3-bet", "45 va 46-mashqlar", "2026-11-18", "2026-11-19"],
    ]);
    expect((await events()).at(-1)!.payload.dueOn).toBe("2026-11-19");
  });

  it("clears homework with no text: kept in history, nothing published", async () => {
    const before = (await events()).length;
    const res = await homework(w.lessonsA[1]!, null);
    expect([res.data.setHomework.homework, res.data.setHomework.homeworkDueOn]).toEqual([null, null]);
    expect((await history(w.lessonsA[1]!)).at(-1)).toMatchObject({ oldText: "46-mashq", newText: null, newDueOn: null });
    expect((await events()).length).toBe(before);
  });

  it("refuses a due date on or before the lesson, too far ahead, or without text", async () => {
    expect(field(await homework(monday(), "X", "2026-11-16"))).toBe("dueOn");
    expect(field(await homework(monday(), "X", "2027-03-01"))).toBe("dueOn");
    expect(field(await homework(monday(), null, "2026-11-20"))).toBe("dueOn");
    expect(field(await homework(monday(), "x".repeat(2001), "2026-11-20"))).toBe("text");
  });

  it("is FORBIDDEN to anyone but the teacher who gives the lesson, and nothing is kept from a refusal", async () => {
    const changes = (await history(monday())).length;
    for (const who of [w.as.teacher2, w.as.principal, w.as.parent, w.as.student]) {
      expect(codes(await homework(monday(), "Boshqa", "2026-11-20", await h.tokenFor(who)))).toEqual(["FORBIDDEN"]);
    }
    expect(await history(monday())).toHaveLength(changes);
  });

  it("may be set by the lesson's substitute, not on a cancelled lesson", async () => {
    const lessonId = w.lessonsA[2]!;
    await gql(h.url, ASSIGN_SUBSTITUTE, { lessonId, teacherId: w.teacher2 }, { token: admin });
    const res = await homework(lessonId, "Takrorlash", "2026-11-20", await h.tokenFor(w.as.teacher2));
    expect(res.errors).toBeUndefined();
    expect((await history(lessonId))[0]!.changedById).toBe(w.teacher2);

    const cancelled = w.lessonsB[4]!;
    await gql(h.url, CANCEL_LESSON, { lessonId: cancelled, reason: "Karantin" }, { token: admin });
    expect(field(await homework(cancelled, "X", "2026-11-21"))).toBe("lessonId");
  });

  it("is all or nothing: when the history row cannot be written, neither homework nor event is", async () => {
    const lessonId = w.lessonsA[3]!;
    const before = (await events()).length;
    const conn = h.orm.em.getConnection();
    if (usingPostgres()) {
      await conn.execute("create function fail_insert() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$");
      await conn.execute("create trigger fail_insert before insert on homework_changes for each row execute function fail_insert()");
    } else {
      await conn.execute("create trigger fail_insert before insert on homework_changes begin select raise(abort, 'disk full'); end");
    }
    try {
      const res = await homework(lessonId, "Yo‘qolmasin", "2026-11-20");
      expect(codes(res)).toEqual(["INTERNAL_SERVER_ERROR"]);
    } finally {
      await conn.execute(usingPostgres() ? "drop trigger fail_insert on homework_changes" : "drop trigger fail_insert");
    }
    expect((await h.orm.em.fork().findOneOrFail(Lesson, { id: lessonId })).homework).toBeNull();
    expect((await events()).length).toBe(before);
  });
});

describe("homework history", () => {
  it("is read by the school's administration, by class and lesson days, oldest first", async () => {
    const res = await gql(h.url, HOMEWORK_HISTORY, { classId: w.classA, from: "2026-11-16", to: "2026-11-20" }, { token: admin });
    expect(res.errors).toBeUndefined();
    const rows = res.data.homeworkHistory;
    expect(rows.map((r: any) => [r.lesson.id, r.newText])).toEqual([
      [w.lessonsA[0], "45-mashq, 3-bet"],
      [w.lessonsA[0], "45 va 46-mashqlar"],
      [w.lessonsA[1], "46-mashq"],
      [w.lessonsA[1], null],
      [w.lessonsA[2], "Takrorlash"],
    ]);
    expect(rows[4].changedBy.id).toBe(w.teacher2);
  });

  it("is on each lesson for the administration, and withheld (FORBIDDEN, null) from everyone else", async () => {
    const vars = { classId: w.classA, from: "2026-11-16", to: "2026-11-16" };
    const asAdmin = await gql(h.url, LESSON_HOMEWORK_HISTORY, vars, { token: admin });
    const maths = asAdmin.data.lessons.find((l: any) => l.id === monday());
    expect(maths.homeworkHistory.map((c: any) => c.newText)).toEqual(["45-mashq, 3-bet", "45 va 46-mashqlar"]);

    const asTeacher = await gql(h.url, LESSON_HOMEWORK_HISTORY, vars, { token: teacher });
    expect(asTeacher.data.lessons.every((l: any) => l.homeworkHistory === null)).toBe(true);
    expect(new Set(codes(asTeacher))).toEqual(new Set(["FORBIDDEN"]));
    for (const who of [w.as.teacher, w.as.parent, w.as.districtOfficial]) {
      expect(codes(await gql(h.url, HOMEWORK_HISTORY, vars, { token: await h.tokenFor(who) }))).toEqual(["FORBIDDEN"]);
    }
  });
});
