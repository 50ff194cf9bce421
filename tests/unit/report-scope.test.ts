import { describe, expect, it } from "vitest";
import type { Caller } from "../../shared/auth/claims.js";
import {
  assertMayReport,
  assertReportingCaller,
  checkGrouping,
  mayReport,
  scopeUnitOf,
  type ScopeUnit,
  type UnitPlace,
} from "../../shared/auth/report-scope.js";
import { loadConfig } from "../../shared/config.js";
import { shippedCalendar } from "../fixtures/calendar.js";

const calendar = shippedCalendar();
const quarterWithin = (n: number, from: string, to: string) => calendar.quarterWithin(n, from, to);

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const [R1, R2, D1, D2, S1, S2, C1] = [1, 2, 3, 4, 5, 6, 7].map(id) as [string, string, string, string, string, string, string];

function caller(overrides: Partial<Caller>): Caller {
  return {
    sub: "caller",
    role: "DISTRICT_OFFICIAL",
    locale: "UZ_LATN",
    org: {},
    classes: [],
    teaching: [],
    homeroom: [],
    children: [],
    childClasses: [],
    purposes: [],
    purpose: "REPORTING",
    ...overrides,
  };
}

const ministry = caller({ role: "MINISTRY_OFFICIAL" });
const region = caller({ role: "REGION_OFFICIAL", org: { regionId: R1 } });
const district = caller({ role: "DISTRICT_OFFICIAL", org: { regionId: R1, districtId: D1 } });
const admin = caller({ role: "SCHOOL_ADMIN", org: { regionId: R1, districtId: D1, schoolId: S1 } });

const unit = (level: ScopeUnit["level"], unitId: string): ScopeUnit => ({ level, id: unitId });
/** Class C1 of school S1 in district D1 of region R1; school S2 in district D2 of the same region. */
const placeOfC1: UnitPlace = { regionId: R1, districtId: D1, schoolId: S1, classId: C1 };
const placeOfS2: UnitPlace = { regionId: R1, districtId: D2, schoolId: S2 };

describe("scopeUnitOf", () => {
  it("takes exactly one id", () => {
    expect(scopeUnitOf({ districtId: D1.toUpperCase() })).toEqual({ level: "DISTRICT", id: D1 });
    expect(scopeUnitOf({ classId: C1, regionId: null })).toEqual({ level: "CLASS", id: C1 });
    for (const bad of [{}, { regionId: R1, schoolId: S1 }, { schoolId: "7" }]) {
      expect(() => scopeUnitOf(bad), JSON.stringify(bad)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }) }),
      );
    }
  });
});

describe("the country as a scope", () => {
  it("is country: true alone, above every level, and only the ministry's", () => {
    expect(scopeUnitOf({ country: true })).toEqual({ level: "COUNTRY", id: "COUNTRY" });
    for (const bad of [{ country: true, regionId: R1 }, { country: false }]) {
      expect(() => scopeUnitOf(bad), JSON.stringify(bad)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }) }),
      );
    }
    const country = unit("COUNTRY", "COUNTRY");
    expect(() => checkGrouping(country, "REGION")).not.toThrow();
    expect(mayReport(ministry, country)).toBe(true);
    for (const below of [region, district, admin]) expect(mayReport(below, country), below.role).toBe(false);
  });
});

describe("checkGrouping", () => {
  it("allows the scope's level and finer ones, and TEACHER anywhere", () => {
    expect(() => checkGrouping(unit("REGION", R1), "CLASS")).not.toThrow();
    expect(() => checkGrouping(unit("SCHOOL", S1), "SCHOOL")).not.toThrow();
    expect(() => checkGrouping(unit("CLASS", C1), "TEACHER")).not.toThrow();
    expect(() => checkGrouping(unit("SCHOOL", S1), "DISTRICT")).toThrow(/groupBy/);
    expect(() => checkGrouping(unit("CLASS", C1), "SCHOOL")).toThrow(/groupBy/);
  });
});

describe("mayReport", () => {
  it("the ministry reads everything", () => {
    expect(mayReport(ministry, unit("REGION", R2))).toBe(true);
    expect(mayReport(ministry, unit("CLASS", C1))).toBe(true);
  });

  it("decides from the claims at the caller's own level and above, and asks for the place below it", () => {
    expect(mayReport(district, unit("DISTRICT", D1))).toBe(true);
    expect(mayReport(district, unit("DISTRICT", D2))).toBe(false);
    expect(mayReport(district, unit("REGION", R1))).toBe(false); // their own region is wider than their district
    expect(mayReport(district, unit("SCHOOL", S1))).toBeUndefined();
    expect(mayReport(region, unit("REGION", R1))).toBe(true);
    expect(mayReport(region, unit("DISTRICT", D2))).toBeUndefined();
    expect(mayReport(admin, unit("SCHOOL", S1))).toBe(true);
    expect(mayReport(admin, unit("SCHOOL", S2))).toBe(false);
    expect(mayReport(admin, unit("DISTRICT", D1))).toBe(false);
    expect(mayReport(admin, unit("CLASS", C1))).toBeUndefined();
  });

  it("with the place known: inside the caller's territory or school, yes; elsewhere, no", () => {
    expect(mayReport(district, unit("CLASS", C1), placeOfC1)).toBe(true);
    expect(mayReport(district, unit("SCHOOL", S2), placeOfS2)).toBe(false);
    expect(mayReport(region, unit("SCHOOL", S2), placeOfS2)).toBe(true);
    expect(mayReport(region, unit("SCHOOL", S2), { ...placeOfS2, regionId: R2 })).toBe(false);
    expect(mayReport(admin, unit("CLASS", C1), placeOfC1)).toBe(true);
    expect(mayReport(admin, unit("CLASS", C1), { ...placeOfC1, schoolId: S2 })).toBe(false);
  });

  it("refuses other roles, other purposes, and an official whose token names no territory", () => {
    for (const role of ["TEACHER", "STUDENT", "PARENT", "DATA_PROTECTION_OFFICER"] as const) {
      expect(mayReport(caller({ role, org: { schoolId: S1, districtId: D1, regionId: R1 } }), unit("SCHOOL", S1), placeOfC1), role).toBe(
        false,
      );
    }
    expect(mayReport({ ...district, purpose: "ADMINISTRATION" }, unit("DISTRICT", D1))).toBe(false);
    expect(mayReport({ ...ministry, purpose: "ADMINISTRATION" }, unit("REGION", R1))).toBe(false);
    expect(mayReport(caller({ role: "DISTRICT_OFFICIAL", org: {} }), unit("CLASS", C1), placeOfC1)).toBe(false);
  });
});

describe("assertMayReport", () => {
  const forbidden = expect.objectContaining({ extensions: expect.objectContaining({ code: "FORBIDDEN" }) });
  it("throws FORBIDDEN unless allowed; a unit whose place is unknown is not shown to be the caller's", () => {
    expect(() => assertMayReport(district, unit("SCHOOL", S1), placeOfC1)).not.toThrow();
    expect(() => assertMayReport(district, unit("SCHOOL", S1), null)).toThrow(forbidden);
    expect(() => assertMayReport(district, unit("DISTRICT", D2))).toThrow(forbidden);
    expect(() => assertMayReport(ministry, unit("SCHOOL", S2), null)).not.toThrow();
    expect(() => assertReportingCaller(caller({ role: "TEACHER" }))).toThrow(forbidden);
    expect(() => assertReportingCaller({ ...admin, purpose: "JOURNAL" })).toThrow(forbidden);
  });
});

describe("report settings", () => {
  it("MIN_CELL_SIZE defaults to 10, can be raised, and cannot switch suppression off", () => {
    expect(loadConfig({}).reportMinCellSize).toBe(10);
    expect(loadConfig({ MIN_CELL_SIZE: "25" }).reportMinCellSize).toBe(25);
    expect(() => loadConfig({ MIN_CELL_SIZE: "0" })).toThrow(/MIN_CELL_SIZE/);
    expect(() => loadConfig({ MIN_CELL_SIZE: "ten" })).toThrow(/MIN_CELL_SIZE/);
  });

  it("a quarter is its dates within from..to, of the academic year from falls in", () => {
    expect(quarterWithin(2, "2026-09-01", "2027-06-30")).toEqual({ from: "2026-11-09", to: "2026-12-26" });
    expect(quarterWithin(3, "2026-09-01", "2027-02-01")).toEqual({ from: "2027-01-11", to: "2027-02-01" });
    expect(() => quarterWithin(3, "2026-09-01", "2026-12-31")).toThrow(/outside/);
    expect(() => quarterWithin(5, "2026-09-01", "2027-06-30")).toThrow(/1 to 4/);
    expect(() => quarterWithin(1, "2024-09-01", "2025-06-30")).toThrow(/2024\/2025/);
  });
});
