import { describe, expect, it } from "vitest";
import type { Caller } from "../../shared/auth/claims.js";
import { blockApplies, canReach, decide } from "../../shared/auth/policy.js";
import type { DataSubject } from "../../shared/auth/subject.js";

const ALL = ["JOURNAL", "PARENT_NOTIFICATION", "REPORTING", "SELF_SERVICE", "ADMINISTRATION", "LEGAL_REQUEST"] as const;

function caller(overrides: Partial<Caller>): Caller {
  return {
    sub: "caller",
    role: "TEACHER",
    locale: "UZ_LATN",
    org: {},
    classes: [],
    teaching: [],
    homeroom: [],
    children: [],
    childClasses: [],
    purposes: [],
    purpose: "JOURNAL",
    ...overrides,
  };
}

const student: DataSubject = { id: "s1", kind: "STUDENT", classIds: ["5a"], schoolIds: ["sch1"], districtIds: ["d1"], regionIds: ["r1"] };
const teacher = caller({
  role: "TEACHER",
  org: { schoolId: "sch1" },
  classes: ["5a", "5b"],
  teaching: [
    ["5a", "math"],
    ["5b", "math"],
  ],
  homeroom: [],
});

describe("decide", () => {
  it("releases a student's marks to the subject teacher only for the subject taught", () => {
    expect(decide(teacher, { ...student, academicSubjectId: "math" }, "academic", ALL).released).toBe(true);
    expect(decide(teacher, { ...student, academicSubjectId: "history" }, "academic", ALL)).toEqual({
      released: false,
      reason: "NO_RELATIONSHIP",
    });
  });

  it("gives the homeroom teacher contact data but never the PINFL", () => {
    const homeroom = { ...teacher, homeroom: ["5a"] };
    expect(decide(homeroom, student, "contact", ALL).released).toBe(true);
    expect(decide(homeroom, student, "identifier", ALL)).toEqual({ released: false, reason: "ROLE_NOT_ALLOWED" });
  });

  it("withholds a student's name from the admin under REPORTING but releases it under ADMINISTRATION", () => {
    const admin = caller({ role: "SCHOOL_ADMIN", org: { schoolId: "sch1" }, purpose: "REPORTING" });
    expect(decide(admin, student, "name", ALL)).toEqual({ released: false, reason: "PURPOSE_NOT_ALLOWED" });
    expect(decide({ ...admin, purpose: "ADMINISTRATION" }, student, "name", ALL).released).toBe(true);
  });

  it("never releases a student's personal fields to an official over the school, nor lets them reach the student", () => {
    const official = caller({ role: "DISTRICT_OFFICIAL", org: { districtId: "d1" }, purpose: "ADMINISTRATION" });
    for (const category of ["name", "contact", "identifier", "academic"] as const) {
      expect(decide(official, student, category, ALL).released).toBe(false);
    }
    // Students only as aggregates: not even the object (login, role) of one.
    expect(canReach(official, student)).toBe(false);
  });

  it("respects the field's own purposes", () => {
    const parent = caller({ role: "PARENT", children: ["s1"], purpose: "PARENT_NOTIFICATION" });
    expect(decide(parent, student, "name", ["JOURNAL"])).toEqual({ released: false, reason: "PURPOSE_NOT_ALLOWED" });
    expect(decide(parent, student, "name", ["PARENT_NOTIFICATION"]).released).toBe(true);
  });

  it("lets the data protection officer read only under LEGAL_REQUEST with a basis", () => {
    const dpo = caller({ role: "DATA_PROTECTION_OFFICER", purpose: "SELF_SERVICE" });
    expect(canReach(dpo, student)).toBe(false);
    expect(decide({ ...dpo, purpose: "LEGAL_REQUEST", legalBasis: "court 12/3" }, student, "identifier", ["ADMINISTRATION"]).released).toBe(
      true,
    );
    expect(decide({ ...dpo, purpose: "LEGAL_REQUEST" }, student, "identifier", ALL).released).toBe(false);
  });

  it("releases own data whatever the purpose", () => {
    const official = caller({ sub: "o1", role: "REGION_OFFICIAL", purpose: "REPORTING" });
    expect(
      decide(official, { id: "o1", kind: "STAFF", classIds: [], schoolIds: [], districtIds: [], regionIds: ["r1"] }, "name", ["JOURNAL"])
        .released,
    ).toBe(true);
  });

  it("lets a parent see the name of a teacher of their child's class but not their phone", () => {
    const parent = caller({ role: "PARENT", children: ["s1"], childClasses: ["5a"] });
    const teacherSubject: DataSubject = {
      id: "t1",
      kind: "STAFF",
      classIds: ["5a"],
      schoolIds: ["sch1"],
      districtIds: ["d1"],
      regionIds: ["r1"],
    };
    expect(decide(parent, teacherSubject, "name", ALL).released).toBe(true);
    expect(decide(parent, teacherSubject, "contact", ALL)).toEqual({ released: false, reason: "ROLE_NOT_ALLOWED" });
    expect(decide(parent, { ...teacherSubject, classIds: ["7a"] }, "name", ALL)).toEqual({ released: false, reason: "NO_RELATIONSHIP" });
  });
});

describe("blockApplies", () => {
  const homeroom = { ...teacher, homeroom: ["5a"] };
  const parent = caller({ sub: "p1", role: "PARENT", children: ["s1"], childClasses: ["5a"] });
  const dpo = caller({ sub: "dpo", role: "DATA_PROTECTION_OFFICER", purpose: "LEGAL_REQUEST", legalBasis: "court ruling 1/2026" });

  it("withholds a blocked field from everyone the matrix would release it to: teacher, parent", () => {
    expect(blockApplies(decide(homeroom, student, "contact", ALL))).toBe(true);
    expect(blockApplies(decide(parent, student, "contact", ALL))).toBe(true);
  });

  it("leaves the subject's own data and the officer's legal request alone", () => {
    expect(blockApplies(decide(caller({ sub: "s1", role: "STUDENT" }), student, "contact", ALL))).toBe(false);
    expect(blockApplies(decide(dpo, student, "contact", ALL))).toBe(false);
  });

  it("has nothing to add to a refusal", () => {
    expect(blockApplies(decide(teacher, student, "identifier", ALL))).toBe(false);
  });
});
