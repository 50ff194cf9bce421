/**
 * Who acts for whose consents: ages counted in whole years to the day, a minor never for themself, a
 * guardian only for a minor child; and the seeded consents follow the same rules on any day.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildDemoWorld } from "../../scripts/seed/demo.js";
import { consentRowsOf, noticeConsentsOf } from "../../scripts/seed/consents.js";
import { tashkentDay } from "../../shared/days.js";
import { actingRelation, ageOn, checkKindFor, isMinor } from "../../subgraphs/users/consents/rules.js";
import type { Guardianship, User } from "../../subgraphs/users/entities/index.js";

const person = (role: User["role"], birthDate: string | null = null): User => ({ id: randomUUID(), login: "x", role, birthDate }) as User;
const link = (parentId: string, studentId: string): Guardianship => ({ id: randomUUID(), parentId, studentId }) as Guardianship;
const code = (fn: () => unknown): unknown => {
  try {
    fn();
    return "ok";
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
};

describe("ages and minors", () => {
  it("counts whole years to the day", () => {
    expect(ageOn("2008-11-23", "2026-11-22")).toBe(17);
    expect(ageOn("2008-11-23", "2026-11-23")).toBe(18);
    expect(ageOn("2008-02-29", "2026-02-28")).toBe(17);
    expect(ageOn("2008-02-29", "2026-03-01")).toBe(18);
  });

  it("only a student can be a minor; one with no birth date on record counts as one", () => {
    expect(isMinor(person("STUDENT", "2010-01-01"), "2026-11-23")).toBe(true);
    expect(isMinor(person("STUDENT", "2008-01-01"), "2026-11-23")).toBe(false);
    expect(isMinor(person("STUDENT"), "2026-11-23")).toBe(true);
    expect(isMinor(person("PARENT"), "2026-11-23")).toBe(false);
    expect(isMinor(person("TEACHER", "2010-01-01"), "2026-11-23")).toBe(false);
  });

  it("takes today in Tashkent (UTC+5): 20:00 UTC is already the next day there", () => {
    expect(tashkentDay(new Date("2026-11-22T20:00:00Z"))).toBe("2026-11-23");
    expect(tashkentDay(new Date("2026-11-22T18:59:59Z"))).toBe("2026-11-22");
  });
});

describe("acting for a consent", () => {
  const minor = person("STUDENT", "2015-05-05");
  const adult = person("STUDENT", "2000-05-05");
  const parent = person("PARENT");

  it("an adult for themself, a guardian for a minor child", () => {
    expect(actingRelation(parent.id, parent, [])).toBe("SELF");
    expect(actingRelation(adult.id, adult, [])).toBe("SELF");
    expect(actingRelation(parent.id, minor, [link(parent.id, minor.id)])).toBe("GUARDIAN");
  });

  it("never a minor for themself, never a guardian for an adult, never anyone else", () => {
    expect(code(() => actingRelation(minor.id, minor, [link(parent.id, minor.id)]))).toBe("FORBIDDEN");
    expect(code(() => actingRelation(parent.id, adult, [link(parent.id, adult.id)]))).toBe("FORBIDDEN");
    expect(code(() => actingRelation(randomUUID(), minor, [link(parent.id, minor.id)]))).toBe("FORBIDDEN");
  });

  it("PARENT_NOTIFICATIONS belongs to parents only", () => {
    expect(code(() => checkKindFor(parent, "PARENT_NOTIFICATIONS"))).toBe("ok");
    expect(code(() => checkKindFor(adult, "PARENT_NOTIFICATIONS"))).toBe("BAD_USER_INPUT");
    expect(code(() => checkKindFor(minor, "USER_AGREEMENT"))).toBe("ok");
  });
});

describe("seeded consents", () => {
  const none = {
    regionIdBySoato: new Map(),
    districtIdByName: new Map(),
    subjectIdByName: new Map(),
    schoolIds: new Set<string>(),
    schoolNames: new Set<string>(),
    logins: new Set<string>(),
    pinfls: new Set<string>(),
  };

  it("late in the school year most of 11-V are of age and consented themselves; the rest through their first guardian", () => {
    const today = "2027-05-20";
    const { world } = buildDemoWorld(today, none);
    world.policyVersion = "2027-01";
    const rows = consentRowsOf(world);
    expect(new Set(rows.map((r) => r.version))).toEqual(new Set(["2027-01"]));
    const firstGuardian = new Map<string, string>();
    for (const g of world.guardianships) if (!firstGuardian.has(g.studentId)) firstGuardian.set(g.studentId, g.parentId);
    const students = world.users.filter((u) => u.role === "STUDENT");
    const adults = students.filter((s) => ageOn(s.birthDate, today) >= 18);
    expect(adults.length).toBeGreaterThan(0);
    for (const s of students) {
      const own = rows.filter((r) => r.subjectId === s.id);
      expect(own).toHaveLength(2);
      const expected = adults.includes(s) ? ["SELF", s.id] : ["GUARDIAN", firstGuardian.get(s.id)];
      for (const r of own) expect([r.givenByRelation, r.givenById]).toEqual(expected);
    }
    // The same world gives the same rows (ids included), and every parent's notices consent is there.
    expect(consentRowsOf(world)).toEqual(rows);
    const parents = world.users.filter((u) => u.role === "PARENT");
    expect([...noticeConsentsOf(rows).keys()].sort()).toEqual(parents.map((p) => p.id).sort());
  });
});
