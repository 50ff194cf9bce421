/**
 * Reports through the gateway on the demo world: every scope × grouping of attendanceReport and
 * gradeReport, and the timeliness report, checked against figures this file computes itself from the
 * stored rows (plain loops over the journal's tables, not the production SQL); unit names from
 * institutions; who may ask what; suppression of 11-V; one aggregate statement per report.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { buildSchema, isObjectType, parse, type ObjectTypeDefinitionNode } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportLevel } from "../../shared/auth/report-scope.js";
import { District, Region, School, SchoolClass } from "../../subgraphs/institutions/entities/index.js";
import { AttendanceMark, ClassPlace, Grade, Lesson, RosterEntry } from "../../subgraphs/journal/entities/index.js";
import { codes, doc, gql, signIn, type CallOptions, type GqlResponse } from "../support/client.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { demoIds, type DemoIds, type DemoLogin } from "./demo-ids.js";

const ATTENDANCE_REPORT = doc("attendance-report");
const GRADE_REPORT = doc("grade-report");
const TIMELINESS_REPORT = doc("timeliness-report");
const YEAR = { from: "2026-09-01", to: "2027-06-30" };
const REPORTING = "REPORTING";

type Scope = Partial<Record<"regionId" | "districtId" | "schoolId" | "classId", string>> & { country?: boolean };
type Grouping = ReportLevel | "TEACHER";

const LEVEL_FIELD = { REGION: "regionId", DISTRICT: "districtId", SCHOOL: "schoolId", CLASS: "classId" } as const;
const LEVELS: ReportLevel[] = ["REGION", "DISTRICT", "SCHOOL", "CLASS"];

let system: TestSystem;
let ids: DemoIds;
let places: ClassPlace[];
let roster: RosterEntry[];
let attendance: AttendanceMark[];
let grades: Grade[];
let lessons: Lesson[];
/** Latin unit names as institutions stores them, by unit id. */
const names = new Map<string, string>();
const cyrillic = new Map<string, string>();
let tashkent: string;
let chilonzorTumani: string;
let yunusobodTumani: string;
/** The first half of the lesson days that have attendance: a narrower range than the year. */
let half: { from: string; to: string };

const tokens = new Map<string, string>();
const token = async (login: DemoLogin): Promise<string> => {
  if (!tokens.has(login)) tokens.set(login, await signIn(system.gatewayUrl, login));
  return tokens.get(login)!;
};
/** A demo login's call options; a purpose of null sends no X-Purpose (the role's default applies). */
const as = async (login: DemoLogin, purpose: string | null = REPORTING, language?: string): Promise<CallOptions> => ({
  token: await token(login),
  purpose: purpose ?? undefined,
  language,
});

beforeAll(async () => {
  system = await startTestSystem();
  ids = await demoIds(system);
  // Statement counts below must be the requests' own, not the outbox relays' polling.
  for (const relay of Object.values(system.relays)) await relay.stop();

  const journal = system.orms.journal.em.fork();
  places = await journal.find(ClassPlace, {});
  const place = (cls: string) => places.find((p) => p.classId === ids.classes[cls])!;
  tashkent = place("5-A").regionId;
  chilonzorTumani = place("5-A").districtId;
  yunusobodTumani = place("7-A").districtId;

  attendance = await journal.find(AttendanceMark, {});
  const days = [...new Set(attendance.map((a) => a.date))].sort();
  half = { from: days[0]!, to: days[Math.floor(days.length / 2)]! };

  // Roster movements the seed does not make, written into the journal's replica as institutions' events
  // would: a 5-A student moves to 5-B in the middle of the range (on both rosters of the range, one
  // student of the school), a newcomer joins 5-B after the first half, and one who left before the year.
  const mover = (await journal.find(RosterEntry, { classId: ids.classes["5-A"] }, { orderBy: { studentId: "asc" } })).at(-1)!;
  mover.endsOn = half.to;
  journal.create(RosterEntry, { id: randomUUID(), classId: ids.classes["5-B"]!, studentId: mover.studentId, startsOn: half.to });
  const after = days[Math.floor(days.length / 2) + 1]!;
  journal.create(RosterEntry, { id: randomUUID(), classId: ids.classes["5-B"]!, studentId: randomUUID(), startsOn: after });
  journal.create(RosterEntry, {
    id: randomUUID(),
    classId: ids.classes["5-B"]!,
    studentId: randomUUID(),
    startsOn: "2026-06-01",
    endsOn: "2026-08-31",
  });
  await journal.flush();

  const fresh = system.orms.journal.em.fork();
  roster = await fresh.find(RosterEntry, {});
  grades = await fresh.find(Grade, {});
  lessons = await fresh.find(Lesson, {});

  const inst = system.orms.institutions.em.fork();
  for (const r of await inst.find(Region, {})) {
    names.set(r.id, r.nameLatn);
    cyrillic.set(r.id, r.nameCyrl);
  }
  for (const d of await inst.find(District, {})) names.set(d.id, d.nameLatn);
  const schools = await inst.find(School, {});
  for (const s of schools) names.set(s.id, s.nameLatn);
  for (const c of await inst.find(SchoolClass, {})) names.set(c.id, `${c.name} (${schools.find((s) => s.id === c.schoolId)!.nameLatn})`);
});
afterAll(async () => {
  await system?.stop();
});

/* Expected figures, computed here from the stored rows. */

const unitOf = (p: ClassPlace, level: ReportLevel): string =>
  ({ REGION: p.regionId, DISTRICT: p.districtId, SCHOOL: p.schoolId, CLASS: p.classId })[level];

function classesIn(scope: Scope): ClassPlace[] {
  if (scope.country) return places;
  const [field, id] = Object.entries(scope)[0]!;
  const level = LEVELS.find((l) => LEVEL_FIELD[l] === field)!;
  return places.filter((p) => unitOf(p, level) === id);
}

const rosterOf = (classId: string, from: string, to: string): Set<string> =>
  new Set(roster.filter((r) => r.classId === classId && r.startsOn <= to && (!r.endsOn || r.endsOn > from)).map((r) => r.studentId));

const ABSENT = new Set(["ABSENT_UNEXCUSED", "ABSENT_EXCUSED", "ILLNESS"]);

interface Expected {
  unitId: string;
  students: number;
  /** No class of the unit has MIN_CELL_SIZE (10) contributing pupils. */
  suppressed: boolean;
  [figure: string]: unknown;
}

const MIN_CELL = 10;

/** The range a report answers for: widened to whole Monday–Sunday weeks. */
function weeks(from: string, to: string): [string, string] {
  const shift = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const weekday = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return [shift(from, -weekday(from)), shift(to, 6 - weekday(to))];
}

function expectedAttendance(scope: Scope, groupBy: ReportLevel, askedFrom: string, askedTo: string): Expected[] {
  const [from, to] = weeks(askedFrom, askedTo);
  const units = new Map<
    string,
    { students: Set<string>; shown: number; lessons: number; expected: number; absences: number; late: number }
  >();
  for (const p of classesIn(scope)) {
    const unit = units.get(unitOf(p, groupBy)) ?? { students: new Set(), shown: 0, lessons: 0, expected: 0, absences: 0, late: 0 };
    units.set(unitOf(p, groupBy), unit);
    const marks = attendance.filter((a) => a.classId === p.classId && a.date >= from && a.date <= to);
    // A class counts by the pupils its figures rest on; a small one is left out of the unit's totals too.
    if (new Set(marks.map((a) => a.studentId)).size < MIN_CELL) continue;
    unit.shown += 1;
    const students = rosterOf(p.classId, from, to);
    students.forEach((s) => unit.students.add(s));
    const held = new Set(marks.map((a) => a.lessonId)).size;
    unit.lessons += held;
    unit.expected += students.size * held;
    unit.absences += marks.filter((a) => ABSENT.has(a.status)).length;
    unit.late += marks.filter((a) => a.status === "LATE").length;
  }
  return [...units].map(([unitId, u]) => ({
    unitId,
    suppressed: u.shown === 0,
    students: u.students.size,
    lessons: u.lessons,
    absences: u.absences,
    absenceRate: u.expected ? u.absences / u.expected : null,
    lateArrivals: u.late,
  }));
}

function expectedGrades(scope: Scope, groupBy: ReportLevel, askedFrom: string, askedTo: string, subjectId?: string): Expected[] {
  const [from, to] = weeks(askedFrom, askedTo);
  const units = new Map<string, { students: Set<string>; shown: number; values: number[] }>();
  for (const p of classesIn(scope)) {
    const unit = units.get(unitOf(p, groupBy)) ?? { students: new Set(), shown: 0, values: [] };
    units.set(unitOf(p, groupBy), unit);
    const counted = grades.filter(
      (g) =>
        g.classId === p.classId &&
        g.date >= from &&
        g.date <= to &&
        (!subjectId || g.subjectId === subjectId) &&
        (g.kind === "CURRENT" || g.kind === "INTERMEDIATE"),
    );
    if (new Set(counted.map((g) => g.studentId)).size < MIN_CELL) continue;
    unit.shown += 1;
    rosterOf(p.classId, from, to).forEach((s) => unit.students.add(s));
    unit.values.push(...counted.map((g) => g.value));
  }
  return [...units].map(([unitId, u]) => ({
    unitId,
    suppressed: u.shown === 0,
    students: u.students.size,
    marks: u.values.length,
    averageMark: u.values.length ? u.values.reduce((a, b) => a + b, 0) / u.values.length : null,
  }));
}

function expectedTimeliness(
  scope: Scope,
  groupBy: Grouping,
  from: string,
  to: string,
): Array<{ unitId: string; marks: number; marksOnTime: number }> {
  const units = new Map<string, { marks: number; marksOnTime: number }>();
  const classes = classesIn(scope);
  if (groupBy !== "TEACHER") for (const p of classes) units.set(unitOf(p, groupBy), { marks: 0, marksOnTime: 0 });
  for (const lesson of lessons) {
    const p = classes.find((c) => c.classId === lesson.classId);
    if (!p || lesson.date < from || lesson.date > to) continue;
    if (groupBy === "TEACHER" && !lesson.teacherId) continue;
    const unitId = groupBy === "TEACHER" ? lesson.teacherId! : unitOf(p, groupBy);
    const unit = units.get(unitId) ?? { marks: 0, marksOnTime: 0 };
    units.set(unitId, unit);
    // 21:00 in Tashkent (UTC+5) on the lesson day.
    const deadline = Date.parse(`${lesson.date}T16:00:00Z`);
    for (const g of grades.filter((g) => g.lessonId === lesson.id)) {
      unit.marks += 1;
      if (g.recordedAt.getTime() <= deadline) unit.marksOnTime += 1;
    }
  }
  return [...units].map(([unitId, u]) => ({ unitId, ...u }));
}

/** Compares a report's rows with the expectation, unit by unit; rates to 9 decimal places. */
function expectRows(rows: any[], expected: Expected[], label: string): void {
  expect(rows.map((r) => r.unitId).sort(), label).toEqual(expected.map((e) => e.unitId).sort());
  for (const want of expected) {
    const row = rows.find((r) => r.unitId === want.unitId);
    if (want.suppressed) {
      expect(row.suppressed, `${label} ${want.unitId}`).toBe(true);
      for (const [figure] of Object.entries(want).filter(([k]) => k !== "unitId" && k !== "suppressed")) {
        expect(row[figure], `${label} ${figure}`).toBeNull();
      }
      continue;
    }
    expect(row.suppressed, label).toBe(false);
    for (const [figure, value] of Object.entries(want)) {
      if (typeof value === "number" && !Number.isInteger(value)) expect(row[figure], `${label} ${figure}`).toBeCloseTo(value, 9);
      else expect(row[figure], `${label} ${figure}`).toEqual(value);
    }
  }
}

const scopes = (): Array<[string, Scope, ReportLevel]> => [
  ["Toshkent shahri", { regionId: tashkent }, "REGION"],
  ["Chilonzor tumani", { districtId: chilonzorTumani }, "DISTRICT"],
  ["Chilonzor 1-maktab", { schoolId: ids.schools["Chilonzor 1-maktab"]! }, "SCHOOL"],
  ["5-A", { classId: ids.classes["5-A"]! }, "CLASS"],
  ["11-V", { classId: ids.classes["11-V"]! }, "CLASS"],
];

/** The nearest official who may read a scope: the place lookup below the caller's own level gets exercised. */
const NEAREST: Record<ReportLevel, DemoLogin> = {
  REGION: "demo-region",
  DISTRICT: "demo-region",
  SCHOOL: "demo-district",
  CLASS: "demo-principal",
};

describe("every scope and grouping of the demo world, against figures counted from the stored rows", () => {
  it("attendanceReport and gradeReport, as the ministry and as the nearest official, over the year and half of it", async () => {
    let combinations = 0;
    for (const [name, scope, level] of scopes()) {
      for (const groupBy of LEVELS.slice(LEVELS.indexOf(level))) {
        for (const range of [YEAR, half]) {
          for (const login of ["demo-ministry", NEAREST[level]] as DemoLogin[]) {
            const label = `${name} by ${groupBy} ${range.from}..${range.to} as ${login}`;
            const vars = { scope, groupBy, ...range };
            const [att, gr] = await Promise.all([
              gql(system.gatewayUrl, ATTENDANCE_REPORT, vars, await as(login)),
              gql(system.gatewayUrl, GRADE_REPORT, vars, await as(login)),
            ]);
            expect(att.errors, label).toBeUndefined();
            expect(gr.errors, label).toBeUndefined();
            expectRows(att.data.attendanceReport, expectedAttendance(scope, groupBy, range.from, range.to), `attendance ${label}`);
            expectRows(gr.data.gradeReport, expectedGrades(scope, groupBy, range.from, range.to), `grades ${label}`);
            for (const row of [...att.data.attendanceReport, ...gr.data.gradeReport]) {
              expect(row.unitKind).toBe(groupBy);
              expect(row.unitName, label).toBe(names.get(row.unitId));
            }
            combinations += 1;
          }
        }
      }
    }
    // 4 + 3 + 2 + 1 + 1 scope/grouping pairs, two ranges, two callers.
    expect(combinations).toBe(44);
  });

  it("the ministry's national report (country: true) covers every class of the country, grouped by region or school", async () => {
    for (const groupBy of ["REGION", "SCHOOL"] as const) {
      const vars = { scope: { country: true }, groupBy, ...YEAR };
      const [att, gr] = await Promise.all([
        gql(system.gatewayUrl, ATTENDANCE_REPORT, vars, await as("demo-ministry")),
        gql(system.gatewayUrl, GRADE_REPORT, vars, await as("demo-ministry")),
      ]);
      expect(att.errors, groupBy).toBeUndefined();
      expect(gr.errors, groupBy).toBeUndefined();
      expectRows(att.data.attendanceReport, expectedAttendance({ country: true }, groupBy, YEAR.from, YEAR.to), `country by ${groupBy}`);
      expectRows(gr.data.gradeReport, expectedGrades({ country: true }, groupBy, YEAR.from, YEAR.to), `country grades by ${groupBy}`);
    }
    // Every school of the demo world, not one territory's.
    const bySchool = await gql(
      system.gatewayUrl,
      ATTENDANCE_REPORT,
      { scope: { country: true }, groupBy: "SCHOOL", ...YEAR },
      await as("demo-ministry"),
    );
    expect(bySchool.data.attendanceReport.map((r: any) => r.unitName)).toEqual(
      expect.arrayContaining(["Chilonzor 1-maktab", "Yunusobod 2-maktab"]),
    );
  });

  it("shows the figures that matter: a region by district has the two districts with schools, 5-A real absences", async () => {
    const res = await gql(
      system.gatewayUrl,
      ATTENDANCE_REPORT,
      { scope: { regionId: tashkent }, groupBy: "DISTRICT", ...YEAR },
      await as("demo-region"),
    );
    const rows = res.data.attendanceReport;
    expect(rows.map((r: any) => r.unitName).sort()).toEqual(["Chilonzor tumani", "Yunusobod tumani"]);
    for (const row of rows) {
      expect(row.students).toBeGreaterThanOrEqual(28);
      expect(row.lessons).toBeGreaterThan(0);
      expect(row.absences).toBeGreaterThan(0);
      expect(row.absenceRate).toBeGreaterThan(0);
      expect(row.absenceRate).toBeLessThan(0.2);
    }
  });

  it("gradeReport of one subject counts only that subject's marks", async () => {
    const maths = ids.subjects["Matematika"]!;
    const scope = { schoolId: ids.schools["Chilonzor 1-maktab"]! };
    const res = await gql(
      system.gatewayUrl,
      GRADE_REPORT,
      { scope, groupBy: "CLASS", ...YEAR, subjectId: maths },
      await as("demo-principal"),
    );
    expect(res.errors).toBeUndefined();
    expectRows(res.data.gradeReport, expectedGrades(scope, "CLASS", YEAR.from, YEAR.to, maths), "maths by class");
    const all = expectedGrades(scope, "CLASS", YEAR.from, YEAR.to);
    const fiveA = res.data.gradeReport.find((r: any) => r.unitId === ids.classes["5-A"]);
    expect(fiveA.marks).toBeGreaterThan(0);
    expect(fiveA.marks).toBeLessThan(all.find((e) => e.unitId === ids.classes["5-A"])!.marks as number);
  });

  it("a quarter narrows the range to its dates", async () => {
    const scope = { schoolId: ids.schools["Chilonzor 1-maktab"]! };
    const options = await as("demo-district");
    const byQuarter = await gql(system.gatewayUrl, ATTENDANCE_REPORT, { scope, groupBy: "CLASS", ...YEAR, quarter: 2 }, options);
    const byDates = await gql(
      system.gatewayUrl,
      ATTENDANCE_REPORT,
      { scope, groupBy: "CLASS", from: "2026-11-09", to: "2026-12-26" },
      options,
    );
    expect(byQuarter.errors).toBeUndefined();
    expect(byQuarter.data).toEqual(byDates.data);
    expectRows(byQuarter.data.attendanceReport, expectedAttendance(scope, "CLASS", "2026-11-09", "2026-12-26"), "quarter 2");
  });

  it("names units in the caller's script", async () => {
    const res = await gql(
      system.gatewayUrl,
      GRADE_REPORT,
      { scope: { regionId: tashkent }, groupBy: "REGION", ...YEAR },
      await as("demo-ministry", REPORTING, "uz-Cyrl"),
    );
    expect(res.data.gradeReport).toEqual([expect.objectContaining({ unitId: tashkent, unitName: cyrillic.get(tashkent) })]);
    expect(cyrillic.get(tashkent)).toMatch(/[А-Яа-яЎўҚқҒғҲҳ]/);
  });
});

describe("unit names come from institutions, through federation", () => {
  const sdl = (file: string) => readFile(new URL(`../../schema/${file}`, import.meta.url), "utf8");
  const fieldsOf = (doc: string, type: string): string[] =>
    parse(doc)
      .definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === "ObjectTypeDefinition" && d.name.value === type)
      .flatMap((d) => (d.fields ?? []).map((f) => f.name.value));

  it("the journal declares no unitName, institutions resolves the rows by unit, and the gateway asks it per request", async () => {
    const journal = await sdl("journal.graphql");
    const institutions = await sdl("institutions.graphql");
    for (const type of ["AttendanceSummary", "GradeSummary", "JournalTimelinessSummary"]) {
      expect(fieldsOf(journal, type), type).not.toContain("unitName");
      expect(fieldsOf(institutions, type), type).toEqual(["unitId", "unitKind", "unitName"]);
    }
    // The contract's non-null unitName survives composition.
    const supergraph = buildSchema(await sdl("supergraph.graphql"));
    const summary = supergraph.getType("AttendanceSummary");
    expect(isObjectType(summary) && String(summary.getFields().unitName!.type)).toBe("String!");

    system.resetQueries();
    const res = await gql(
      system.gatewayUrl,
      ATTENDANCE_REPORT,
      { scope: { districtId: chilonzorTumani }, groupBy: "SCHOOL", ...YEAR },
      await as("demo-district"),
    );
    expect(res.data.attendanceReport).toEqual([expect.objectContaining({ unitName: "Chilonzor 1-maktab" })]);
    // Institutions read the school's name (after the shared revocation check); the journal never holds it.
    expect(system.queries.institutions.some((q) => /\bfrom [`"]?schools\b/.test(q))).toBe(true);
  });
});

describe("small cells", () => {
  it("11-V (3 students) comes back suppressed with every figure null, whoever asks and however it is reached", async () => {
    const fiveA = ids.classes["5-A"]!;
    const elevenV = ids.classes["11-V"]!;
    for (const [scope, login] of [
      [{ schoolId: ids.schools["Chilonzor 1-maktab"]! }, "demo-principal"],
      [{ classId: elevenV }, "demo-district"],
      [{ districtId: chilonzorTumani }, "demo-ministry"],
    ] as const) {
      const vars = { scope, groupBy: "CLASS", ...YEAR };
      const att = await gql(system.gatewayUrl, ATTENDANCE_REPORT, vars, await as(login));
      const gr = await gql(system.gatewayUrl, GRADE_REPORT, vars, await as(login));
      expect(att.data.attendanceReport.find((r: any) => r.unitId === elevenV)).toEqual({
        unitId: elevenV,
        unitKind: "CLASS",
        unitName: names.get(elevenV),
        students: null,
        lessons: null,
        absences: null,
        absenceRate: null,
        lateArrivals: null,
        suppressed: true,
      });
      expect(gr.data.gradeReport.find((r: any) => r.unitId === elevenV)).toEqual({
        unitId: elevenV,
        unitKind: "CLASS",
        unitName: names.get(elevenV),
        students: null,
        marks: null,
        averageMark: null,
        suppressed: true,
      });
      if (!("classId" in scope)) expect(att.data.attendanceReport.find((r: any) => r.unitId === fiveA).suppressed).toBe(false);
    }
    // The journal does hold 11-V's marks: the nulls are suppression, not missing data.
    expect(attendance.some((a) => a.classId === elevenV)).toBe(true);
    expect(grades.some((g) => g.classId === elevenV)).toBe(true);
  });
});

describe("suppression that survives arithmetic", () => {
  it("the school row minus the shown class rows leaves nothing of 11-V: a suppressed class is in no total", async () => {
    const school = { schoolId: ids.schools["Chilonzor 1-maktab"]! };
    const options = await as("demo-principal");
    for (const [query, field, figures] of [
      // Not students: a pupil who moved from 5-A to 5-B is on both class rows and once on the school's.
      [ATTENDANCE_REPORT, "attendanceReport", ["lessons", "absences", "lateArrivals"]],
      [GRADE_REPORT, "gradeReport", ["marks"]],
    ] as const) {
      const whole = await gql(system.gatewayUrl, query, { scope: school, groupBy: "SCHOOL", ...YEAR }, options);
      const byClass = await gql(system.gatewayUrl, query, { scope: school, groupBy: "CLASS", ...YEAR }, options);
      const rows = byClass.data[field] as any[];
      expect(rows.find((r) => r.unitId === ids.classes["11-V"]).suppressed, field).toBe(true);
      const shown = rows.filter((r) => !r.suppressed);
      expect(shown.length, field).toBeGreaterThan(0);
      for (const figure of figures) {
        const sum = shown.reduce((n, r) => n + r[figure], 0);
        expect(whole.data[field][0][figure], `${field} ${figure}: school − Σ shown classes`).toBe(sum);
      }
    }
    // The same holds a level up: Chilonzor tumani by DISTRICT is the sum of its schools' shown classes.
    const district = await gql(
      system.gatewayUrl,
      ATTENDANCE_REPORT,
      { scope: { districtId: chilonzorTumani }, groupBy: "DISTRICT", ...YEAR },
      await as("demo-district"),
    );
    const classes = await gql(
      system.gatewayUrl,
      ATTENDANCE_REPORT,
      { scope: { districtId: chilonzorTumani }, groupBy: "CLASS", ...YEAR },
      await as("demo-district"),
    );
    const absences = (classes.data.attendanceReport as any[]).filter((r) => !r.suppressed).reduce((n, r) => n + r.absences, 0);
    expect(district.data.attendanceReport[0].absences).toBe(absences);
  });

  it("one day of one subject answers for its whole week, and a week with few pupils marked is suppressed, however large the class", async () => {
    const fiveA = ids.classes["5-A"]!;
    const maths = ids.subjects["Matematika"]!;
    const options = await as("demo-principal");
    const ask = (from: string, to: string, subjectId: string) =>
      gql(system.gatewayUrl, GRADE_REPORT, { scope: { classId: fiveA }, groupBy: "CLASS", from, to, subjectId }, options);
    // One day plus subjectId no longer singles out that day's marks: the answer is the week's.
    const day = grades.find((g) => g.classId === fiveA && g.subjectId === maths && g.kind === "CURRENT")!.date;
    const [monday, sunday] = weeks(day, day);
    const oneDay = await ask(day, day, maths);
    expect(oneDay.data).toEqual((await ask(monday, sunday, maths)).data);
    expectRows(oneDay.data.gradeReport, expectedGrades({ classId: fiveA }, "CLASS", day, day, maths), "one day of maths");
    // A subject-week of 5-A (25+ pupils on the roster) whose marks came from fewer than ten pupils.
    const contributors = new Map<string, Set<string>>();
    for (const g of grades.filter((g) => g.classId === fiveA && g.kind === "CURRENT")) {
      const key = `${g.subjectId}|${weeks(g.date, g.date).join("|")}`;
      contributors.set(key, (contributors.get(key) ?? new Set()).add(g.studentId));
    }
    const [subjectId, from, to] = [...contributors].find(([, pupils]) => pupils.size < MIN_CELL)![0].split("|") as [string, string, string];
    expect(rosterOf(fiveA, from, to).size).toBeGreaterThanOrEqual(25);
    const thin = await ask(from, to, subjectId);
    expect(thin.data.gradeReport).toEqual([expect.objectContaining({ unitId: fiveA, suppressed: true, marks: null, averageMark: null })]);
  });
});

describe("who may read reports", () => {
  const report = async (login: DemoLogin, scope: Scope, purpose: string | null = REPORTING, groupBy = "CLASS"): Promise<GqlResponse> =>
    gql(system.gatewayUrl, ATTENDANCE_REPORT, { scope, groupBy, ...YEAR }, await as(login, purpose));
  const forbidden = (res: GqlResponse, label: string) => {
    expect(codes(res), label).toEqual(["FORBIDDEN"]);
    expect(res.data ?? null, label).toBeNull();
  };

  it("demo-district asking about Yunusobod: FORBIDDEN for the district, its school and its class", async () => {
    forbidden(await report("demo-district", { districtId: yunusobodTumani }), "Yunusobod tumani");
    forbidden(await report("demo-district", { schoolId: ids.schools["Yunusobod 2-maktab"]! }), "Yunusobod 2-maktab");
    forbidden(await report("demo-district", { classId: ids.classes["7-A"]! }), "7-A");
    forbidden(await report("demo-district", { regionId: tashkent }, REPORTING, "DISTRICT"), "the whole region");
    forbidden(await report("demo-district", { country: true }, REPORTING, "DISTRICT"), "the whole country");
    forbidden(await report("demo-region", { country: true }, REPORTING, "REGION"), "the whole country, as the region");
    forbidden(await report("demo-district-other", { districtId: chilonzorTumani }), "Chilonzor tumani by demo-district-other");
    // The same official reads their own district.
    expect((await report("demo-district-other", { districtId: yunusobodTumani })).errors).toBeUndefined();
  });

  it("a school admin reads only their own school", async () => {
    forbidden(await report("demo-principal", { schoolId: ids.schools["Yunusobod 2-maktab"]! }), "other school");
    forbidden(await report("demo-principal", { classId: ids.classes["7-A"]! }), "other school's class");
    forbidden(await report("demo-principal", { districtId: chilonzorTumani }), "own district");
    expect((await report("demo-principal", { schoolId: ids.schools["Chilonzor 1-maktab"]! })).errors).toBeUndefined();
  });

  it("teachers, students, parents and the DPO may not, whatever purpose they send", async () => {
    const own = { schoolId: ids.schools["Chilonzor 1-maktab"]! };
    for (const login of ["demo-teacher", "demo-student", "demo-parent", "demo-dpo"] as DemoLogin[]) {
      forbidden(await report(login, own, null), `${login}, default purpose`);
      forbidden(await report(login, own, REPORTING), `${login}, REPORTING`);
    }
    const timeliness = await gql(
      system.gatewayUrl,
      TIMELINESS_REPORT,
      { scope: own, groupBy: "TEACHER", ...YEAR },
      await as("demo-teacher", null),
    );
    forbidden(timeliness, "demo-teacher, timeliness");
  });

  it("an official or admin under another purpose than REPORTING: FORBIDDEN", async () => {
    const own = { schoolId: ids.schools["Chilonzor 1-maktab"]! };
    forbidden(await report("demo-district", own, "ADMINISTRATION"), "district, ADMINISTRATION");
    forbidden(await report("demo-principal", own, null), "principal, default purpose (ADMINISTRATION)");
    forbidden(await report("demo-principal", own, "JOURNAL"), "principal, JOURNAL");
    const grade = await gql(
      system.gatewayUrl,
      GRADE_REPORT,
      { scope: own, groupBy: "CLASS", ...YEAR },
      await as("demo-ministry", "ADMINISTRATION"),
    );
    forbidden(grade, "ministry, ADMINISTRATION");
  });

  it("no token: UNAUTHENTICATED", async () => {
    const res = await gql(system.gatewayUrl, ATTENDANCE_REPORT, { scope: { regionId: tashkent }, groupBy: "REGION", ...YEAR });
    expect(codes(res)).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("bad arguments: BAD_USER_INPUT", () => {
  it("a scope of none or two units, a bad id, a coarser grouping, a backward range, a bad quarter", async () => {
    const school = ids.schools["Chilonzor 1-maktab"]!;
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ["no unit", { scope: {}, groupBy: "CLASS", ...YEAR }, "scope"],
      ["two units", { scope: { schoolId: school, districtId: chilonzorTumani }, groupBy: "CLASS", ...YEAR }, "scope"],
      ["the country and a unit", { scope: { country: true, schoolId: school }, groupBy: "CLASS", ...YEAR }, "scope"],
      ["country: false", { scope: { country: false }, groupBy: "CLASS", ...YEAR }, "scope.country"],
      ["bad id", { scope: { schoolId: "school-1" }, groupBy: "CLASS", ...YEAR }, "scope.schoolId"],
      ["coarser grouping", { scope: { schoolId: school }, groupBy: "DISTRICT", ...YEAR }, "groupBy"],
      ["backwards", { scope: { schoolId: school }, groupBy: "CLASS", from: "2026-12-01", to: "2026-11-01" }, "from"],
      ["quarter 5", { scope: { schoolId: school }, groupBy: "CLASS", ...YEAR, quarter: 5 }, "quarter"],
      ["quarter outside", { scope: { schoolId: school }, groupBy: "CLASS", from: "2026-09-01", to: "2026-10-31", quarter: 3 }, "quarter"],
    ];
    for (const [label, vars, field] of cases) {
      const res = await gql(system.gatewayUrl, ATTENDANCE_REPORT, vars, await as("demo-district"));
      expect(codes(res), label).toEqual(["BAD_USER_INPUT"]);
      expect(res.errors![0]!.extensions!.field, label).toBe(field);
    }
  });
});

describe("journalTimelinessReport", () => {
  it("per school, district, region and teacher: marks and those entered by 21:00 Tashkent on the lesson day", async () => {
    const school = ids.schools["Chilonzor 1-maktab"]!;
    const cases: Array<[Scope, Grouping, DemoLogin]> = [
      [{ regionId: tashkent }, "DISTRICT", "demo-region"],
      [{ regionId: tashkent }, "SCHOOL", "demo-ministry"],
      [{ districtId: chilonzorTumani }, "SCHOOL", "demo-district"],
      [{ districtId: chilonzorTumani }, "TEACHER", "demo-district"],
      [{ schoolId: school }, "TEACHER", "demo-principal"],
      [{ classId: ids.classes["5-B"]! }, "TEACHER", "demo-principal"],
    ];
    for (const [scope, groupBy, login] of cases) {
      const label = `${JSON.stringify(scope)} by ${groupBy}`;
      const res = await gql(system.gatewayUrl, TIMELINESS_REPORT, { scope, groupBy, ...YEAR }, await as(login));
      expect(res.errors, label).toBeUndefined();
      const rows = res.data.journalTimelinessReport;
      const expected = expectedTimeliness(scope, groupBy, YEAR.from, YEAR.to);
      expect(rows.map((r: any) => r.unitId).sort(), label).toEqual(expected.map((e) => e.unitId).sort());
      for (const want of expected) {
        const row = rows.find((r: any) => r.unitId === want.unitId);
        expect(row, label).toMatchObject({ unitKind: groupBy, marks: want.marks, marksOnTime: want.marksOnTime });
        expect(row.onTimeRate, label).toBeCloseTo(want.marksOnTime / want.marks, 9);
        if (groupBy === "TEACHER") expect(row, label).toMatchObject({ teacher: { id: want.unitId }, unitName: null });
        else expect(row, label).toMatchObject({ teacher: null, unitName: names.get(want.unitId) });
      }
    }
  });

  it("the seed enters some marks late, so the share is neither 0 nor 1; demo-teacher has a row of their own", async () => {
    const res = await gql(
      system.gatewayUrl,
      TIMELINESS_REPORT,
      { scope: { schoolId: ids.schools["Chilonzor 1-maktab"]! }, groupBy: "TEACHER", ...YEAR },
      await as("demo-principal"),
    );
    const rows = res.data.journalTimelinessReport;
    const total = rows.reduce((n: number, r: any) => n + r.marks, 0);
    const onTime = rows.reduce((n: number, r: any) => n + r.marksOnTime, 0);
    expect(onTime).toBeGreaterThan(0);
    expect(onTime).toBeLessThan(total);
    expect(rows.map((r: any) => r.unitId)).toContain(ids.people["demo-teacher"].id);
  });

  it("names no teacher: the name behind a TEACHER row is personal data, withheld from an official under REPORTING", async () => {
    const res = await gql(
      system.gatewayUrl,
      `query($s: ReportScope!) { journalTimelinessReport(scope: $s, groupBy: TEACHER, from: "2026-09-01", to: "2027-06-30") { unitId teacher { id fullName } } }`,
      { s: { schoolId: ids.schools["Chilonzor 1-maktab"]! } },
      await as("demo-district"),
    );
    const rows = res.data.journalTimelinessReport;
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.every((r: any) => r.teacher.fullName === null && r.teacher.id === r.unitId)).toBe(true);
    expect(new Set(codes(res))).toEqual(new Set(["PERSONAL_DATA_WITHHELD"]));
  });

  it("follows the same territory rule and refuses a class grouping it does not offer", async () => {
    const res = await gql(
      system.gatewayUrl,
      TIMELINESS_REPORT,
      { scope: { districtId: yunusobodTumani }, groupBy: "SCHOOL", ...YEAR },
      await as("demo-district"),
    );
    expect(codes(res)).toEqual(["FORBIDDEN"]);
    const coarse = await gql(
      system.gatewayUrl,
      TIMELINESS_REPORT,
      { scope: { schoolId: ids.schools["Chilonzor 1-maktab"]! }, groupBy: "DISTRICT", ...YEAR },
      await as("demo-district"),
    );
    expect(codes(coarse)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("SQL: one aggregate statement per report, whatever the scope's size", () => {
  /** Runs a report and returns the journal's statements for it (the request must succeed). */
  async function journalStatements(
    query: string,
    vars: Record<string, unknown>,
    options: CallOptions,
  ): Promise<{ sql: string[]; institutions: number }> {
    system.resetQueries();
    const res = await gql(system.gatewayUrl, query, vars, options);
    expect(res.errors).toBeUndefined();
    return { sql: [...system.queries.journal], institutions: system.queries.institutions.length };
  }
  const READS_JOURNAL = /\b(attendance_marks|grades|roster_entries|lessons)\b/;

  it("attendance, grade and timeliness reports each cost one statement over the journal's tables", async () => {
    const reports: Array<[string, string, Record<string, unknown>]> = [
      ["attendanceReport", ATTENDANCE_REPORT, { groupBy: "CLASS", ...YEAR }],
      ["gradeReport", GRADE_REPORT, { groupBy: "CLASS", ...YEAR }],
      ["journalTimelinessReport", TIMELINESS_REPORT, { groupBy: "TEACHER", ...YEAR }],
    ];
    const summary: string[] = [];
    for (const [name, query, vars] of reports) {
      const district = await as("demo-district");
      await journalStatements(query, { ...vars, scope: { classId: ids.classes["11-V"]! } }, district); // warm-up
      const small = await journalStatements(query, { ...vars, scope: { classId: ids.classes["11-V"]! } }, district);
      const large = await journalStatements(query, { ...vars, scope: { districtId: chilonzorTumani } }, district);
      const ministry = await journalStatements(query, { ...vars, scope: { regionId: tashkent } }, await as("demo-ministry"));
      for (const [label, run] of [
        ["class 11-V as demo-district", small],
        ["district as demo-district", large],
        ["region as demo-ministry", ministry],
      ] as const) {
        const aggregates = run.sql.filter((q) => READS_JOURNAL.test(q));
        expect(aggregates, `${name} ${label}`).toHaveLength(1);
        expect(aggregates[0], `${name} ${label}`).toMatch(/group by/i);
        // Values are bound, never spliced into the text.
        expect(aggregates[0], `${name} ${label}`).not.toContain(ids.classes["11-V"]!);
        expect(aggregates[0], `${name} ${label}`).not.toContain(YEAR.from);
      }
      // A scope below the caller's own level costs one more, small lookup of where the unit lies; no more.
      expect(small.sql.length, name).toBe(large.sql.length + 1);
      expect(ministry.sql.length, name).toBe(large.sql.length);
      summary.push(
        `${name}: journal statements (token revocation check + the aggregate [+ place lookup]) for class 11-V as demo-district ` +
          `${small.sql.length}, Chilonzor tumani as demo-district ${large.sql.length}, Toshkent shahri as demo-ministry ${ministry.sql.length}; ` +
          `institutions (revocation check + unit names) ${small.institutions}/${large.institutions}/${ministry.institutions}`,
      );
    }
    console.log(`[sql-counts] ${summary.join("\n[sql-counts] ")}`);
  });
});
