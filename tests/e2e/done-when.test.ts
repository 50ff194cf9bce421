/**
 * The acceptance checks, end to end: a parent reads their child's real marks through the
 * gateway and nothing of another child; a subgraph reached directly gives nothing without a token and
 * nothing more with another person's token; a teacher's mark reaches the parent as data and as a notice.
 */
import { tashkentDay } from "../../shared/days.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Grade, Lesson } from "../../subgraphs/journal/entities/index.js";
import { codes, doc, gql, signIn, type GqlResponse } from "../support/client.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { demoIds, type DemoIds, type DemoLogin } from "./demo-ids.js";

const MY_CHILDREN_GRADES = doc("my-children-grades");
const MY_NOTIFICATIONS = doc("my-notifications");
const RECORD_GRADES = doc("record-grades");
const USER_PERSONAL_AND_RECORDS = /* GraphQL */ `
  query UserEverything($id: ID!) {
    user(id: $id) {
      id
      fullName
      birthDate
      phone
      email
      pinfl
      schoolClass {
        name
      }
      guardians {
        fullName
      }
      grades {
        value
      }
      attendance {
        status
      }
      notifications {
        title
      }
    }
  }
`;

type ChildGrades = {
  me: {
    id: string;
    children: Array<{ id: string; fullName: string | null; grades: Array<{ id: string; value: number; subject: { name: string } }> }>;
  };
};

let system: TestSystem;
let ids: DemoIds;
const tokens = {} as Record<DemoLogin, string>;
const LOGINS: DemoLogin[] = ["demo-parent", "demo-parent-other", "demo-teacher", "demo-teacher-2"];

beforeAll(async () => {
  system = await startTestSystem();
  ids = await demoIds(system);
  await Promise.all(
    LOGINS.map(async (login) => {
      tokens[login] = await signIn(system.gatewayUrl, login);
    }),
  );
});
afterAll(async () => {
  await system?.stop();
});

/** Values that belong to a person and must never show up in a response meant to withhold them. */
const valuesOf = (login: DemoLogin): string[] => Object.values(ids.people[login].values).filter((v): v is string => !!v);

describe("a parent reads their child's marks, and nobody else's", () => {
  it("demo-parent: me.children gives demo-student's real grades, as many as the journal holds", async () => {
    const res = await gql<ChildGrades>(system.gatewayUrl, MY_CHILDREN_GRADES, {}, { token: tokens["demo-parent"] });
    expect(res.errors).toBeUndefined();
    const children = res.data!.me.children;
    expect(children.map((c) => c.id)).toEqual([ids.people["demo-student"].id]);
    const child = children[0]!;
    expect(child.fullName).toBe(ids.people["demo-student"].values.fullName);

    const stored = await system.orms.journal.em.fork().count(Grade, { studentId: ids.people["demo-student"].id });
    expect(stored).toBeGreaterThan(0);
    expect(child.grades.length).toBe(stored);
    for (const grade of child.grades) {
      expect(Number.isInteger(grade.value)).toBe(true);
      expect(grade.value).toBeGreaterThanOrEqual(1);
      expect(grade.value).toBeLessThanOrEqual(5);
      expect(grade.subject.name).toBeTruthy();
    }
  });

  it("demo-parent asking for demo-student-2 gets FORBIDDEN and no value of theirs anywhere", async () => {
    const res = await gql(
      system.gatewayUrl,
      USER_PERSONAL_AND_RECORDS,
      { id: ids.people["demo-student-2"].id },
      { token: tokens["demo-parent"] },
    );
    expect(codes(res)).toContain("FORBIDDEN");
    expect(res.data?.user ?? null).toBeNull();
    const json = JSON.stringify(res);
    expect(valuesOf("demo-student-2").filter((v) => json.includes(v))).toEqual([]);
  });
});

describe("a subgraph reached directly leaks nothing", () => {
  const entities = (fields: string) => `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id ${fields} } } }`;
  const ENTITY_FIELDS: Record<"users" | "journal" | "notifications" | "institutions", string> = {
    users: "fullName phone pinfl birthDate email",
    journal: "grades { value } attendance { status }",
    notifications: "notifications { title body }",
    institutions: "school { name } schoolClass { name }",
  };
  const ROOT_QUERIES: Record<"users" | "journal" | "notifications" | "institutions", () => [string, Record<string, unknown>]> = {
    users: () => [`{ me { id fullName } }`, {}],
    institutions: () => [`{ regions { name districts { name } } }`, {}],
    journal: () => [`query($c: ID!) { lessons(classId: $c, from: "2026-09-01", to: "2027-06-30") { id } }`, { c: ids.classes["5-A"] }],
    notifications: () => [`mutation { markNotificationsRead(ids: []) }`, {}],
  };
  const SUBGRAPHS = ["users", "institutions", "journal", "notifications"] as const;

  for (const name of SUBGRAPHS) {
    it(`${name}: no token → UNAUTHENTICATED for _entities and for its root fields`, async () => {
      const url = system.subgraphUrls[name];
      const r = [{ __typename: "User", id: ids.people["demo-student"].id }];
      const viaEntities = await gql(url, entities(ENTITY_FIELDS[name]), { r });
      expect(codes(viaEntities)).toContain("UNAUTHENTICATED");
      expect(valuesOf("demo-student").filter((v) => JSON.stringify(viaEntities).includes(v))).toEqual([]);

      const [query, variables] = ROOT_QUERIES[name]();
      const viaRoot = await gql(url, query, variables);
      expect(codes(viaRoot)).toContain("UNAUTHENTICATED");
      expect(viaRoot.data ?? null).toBeNull();
    });

    it(`${name}: demo-parent-other's token → _entities of demo-student gives no value`, async () => {
      const url = system.subgraphUrls[name];
      const r = [{ __typename: "User", id: ids.people["demo-student"].id }];
      const res = await gql<{ _entities: Array<Record<string, unknown> | null> }>(
        url,
        entities(ENTITY_FIELDS[name]),
        { r },
        { token: tokens["demo-parent-other"] },
      );
      const entity = res.data?._entities?.[0] ?? null;
      if (entity !== null) {
        // The object may stand (by key), but every personal field is null with its error.
        for (const [field, value] of Object.entries(entity)) {
          if (field === "id") continue;
          expect(value, `${name} ${field}`).toBeNull();
          const error = res.errors?.find((e) => e.path?.at(-1) === field);
          expect(error?.extensions?.code, `${name} ${field}`).toBe("PERSONAL_DATA_WITHHELD");
        }
      }
      const json = JSON.stringify(res);
      expect(valuesOf("demo-student").filter((v) => json.includes(v))).toEqual([]);
      expect(json).not.toContain("Chilonzor");
    });
  }

  it("control: the child's own parent gets the values by the same direct _entities calls (the checks above are not vacuous)", async () => {
    const r = [{ __typename: "User", id: ids.people["demo-student"].id }];
    const users = await gql(system.subgraphUrls.users, entities("fullName pinfl"), { r }, { token: tokens["demo-parent"] });
    expect(users.errors).toBeUndefined();
    expect(users.data._entities[0]).toMatchObject({ fullName: expect.any(String), pinfl: ids.people["demo-student"].values.pinfl });
    const journal = await gql(system.subgraphUrls.journal, entities("grades { value }"), { r }, { token: tokens["demo-parent"] });
    expect(journal.errors).toBeUndefined();
    expect(journal.data._entities[0].grades.length).toBeGreaterThan(0);
    const institutions = await gql(system.subgraphUrls.institutions, entities("school { name }"), { r }, { token: tokens["demo-parent"] });
    expect(institutions.data._entities[0].school).toEqual({ name: "Chilonzor 1-maktab" });
  });

  it("the same token through the gateway gets FORBIDDEN: the direct route gives nothing more", async () => {
    const res = await gql(
      system.gatewayUrl,
      USER_PERSONAL_AND_RECORDS,
      { id: ids.people["demo-student"].id },
      { token: tokens["demo-parent-other"] },
    );
    expect(codes(res)).toContain("FORBIDDEN");
    expect(res.data?.user ?? null).toBeNull();
  });
});

describe("a teacher's mark reaches the parent", () => {
  /** A 5-A Matematika lesson where demo-student has no current mark yet (so a new one is visible). */
  async function freeLesson(): Promise<Lesson> {
    const em = system.orms.journal.em.fork();
    const lessons = await em.find(
      Lesson,
      { classId: ids.classes["5-A"], subjectId: ids.subjects["Matematika"], date: { $lte: tashkentDay() } },
      { orderBy: { date: "desc", period: "desc" } },
    );
    const graded = new Set(
      (
        await em.find(Grade, { studentId: ids.people["demo-student"].id, kind: "CURRENT", lessonId: { $in: lessons.map((l) => l.id) } })
      ).map((g) => g.lessonId),
    );
    const lesson = lessons.find((l) => !graded.has(l.id));
    if (!lesson) throw new Error("no ungraded 5-A Matematika lesson in the seed");
    return lesson;
  }

  const gradeNotices = async (): Promise<Array<{ kind: string; title: string; body: string; student: { id: string } | null }>> => {
    const res = await gql(system.gatewayUrl, MY_NOTIFICATIONS, {}, { token: tokens["demo-parent"] });
    expect(res.errors).toBeUndefined();
    return res.data.me.notifications;
  };

  it("demo-teacher records a 4 in 5-A Matematika: demo-parent sees the grade and gets a notice", async () => {
    const lesson = await freeLesson();
    const noticesBefore = (await gradeNotices()).length;
    const before = await gql<ChildGrades>(system.gatewayUrl, MY_CHILDREN_GRADES, {}, { token: tokens["demo-parent"] });

    const recorded = await gql(
      system.gatewayUrl,
      RECORD_GRADES,
      { input: { lessonId: lesson.id, kind: "CURRENT", entries: [{ studentId: ids.people["demo-student"].id, value: 4 }] } },
      { token: tokens["demo-teacher"] },
    );
    expect(recorded.errors).toBeUndefined();
    const gradeId = recorded.data.recordGrades[0].id as string;
    expect(recorded.data.recordGrades[0]).toMatchObject({ value: 4, kind: "CURRENT", date: lesson.date });

    const after = await gql<ChildGrades>(system.gatewayUrl, MY_CHILDREN_GRADES, {}, { token: tokens["demo-parent"] });
    const grades = after.data!.me.children[0]!.grades;
    expect(grades.length).toBe(before.data!.me.children[0]!.grades.length + 1);
    expect(grades.find((g) => g.id === gradeId)).toMatchObject({ value: 4, subject: { name: "Matematika" } });

    await system.relays.journal.drain();
    let notices = await gradeNotices();
    for (const deadline = Date.now() + 5000; notices.length === noticesBefore && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      notices = await gradeNotices();
    }
    expect(notices.length).toBe(noticesBefore + 1);
    const notice = notices.find((n) => n.kind === "GRADE" && n.body.includes("4"));
    expect(notice, JSON.stringify(notices.slice(0, 3))).toBeTruthy();
    expect(notice!.title).toBeTruthy();
    expect(notice!.student?.id).toBe(ids.people["demo-student"].id);
  });

  it("a mark of 7 → BAD_USER_INPUT, nothing written", async () => {
    const lesson = await freeLesson();
    const res = await gql(
      system.gatewayUrl,
      RECORD_GRADES,
      { input: { lessonId: lesson.id, kind: "CURRENT", entries: [{ studentId: ids.people["demo-student"].id, value: 7 }] } },
      { token: tokens["demo-teacher"] },
    );
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(await system.orms.journal.em.fork().count(Grade, { lessonId: lesson.id, studentId: ids.people["demo-student"].id })).toBe(0);
  });

  it("demo-teacher-2 recording in 5-A → FORBIDDEN, nothing written", async () => {
    const lesson = await freeLesson();
    const res: GqlResponse = await gql(
      system.gatewayUrl,
      RECORD_GRADES,
      { input: { lessonId: lesson.id, kind: "CURRENT", entries: [{ studentId: ids.people["demo-student"].id, value: 5 }] } },
      { token: tokens["demo-teacher-2"] },
    );
    expect(codes(res)).toEqual(["FORBIDDEN"]);
    expect(await system.orms.journal.em.fork().count(Grade, { lessonId: lesson.id, studentId: ids.people["demo-student"].id })).toBe(0);
  });
});
