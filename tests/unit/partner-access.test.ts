/**
 * What an integration partner's token lets it do, rule by rule (shared/auth/partners.ts): the PARTNER
 * relationship of the matrix, the report scope by the partner's org, the default purpose taken from the
 * client's own purposes, and the gateway's rate taken from the token.
 */
import { describe, expect, it } from "vitest";
import { MemoryRateStore } from "../../gateway/rate-limit/memory-store.js";
import { RateLimiter } from "../../gateway/rate-limit/rate-limiter.js";
import { identify } from "../../shared/auth/caller.js";
import type { AccessClaims, Caller } from "../../shared/auth/claims.js";
import { generateSigningKeys } from "../../shared/auth/keys.js";
import { partnerLevelOf, partnerOrg } from "../../shared/auth/partners.js";
import { canReach, decide, type Category } from "../../shared/auth/policy.js";
import { assertReportingCaller, mayReport } from "../../shared/auth/report-scope.js";
import { signAccessToken } from "../../shared/auth/tokens.js";
import type { DataSubject } from "../../shared/auth/subject.js";

const ALL = ["JOURNAL", "PARENT_NOTIFICATION", "REPORTING", "SELF_SERVICE", "ADMINISTRATION", "LEGAL_REQUEST"] as const;
const [R1, D1, S1, S2] = ["r1", "d1", "s1", "s2"];

function partner(org: AccessClaims["org"], purpose: Caller["purpose"] = "JOURNAL"): Caller {
  return {
    sub: "client-1",
    role: "INTEGRATION_PARTNER",
    locale: "UZ_LATN",
    org,
    classes: [],
    teaching: [],
    homeroom: [],
    children: [],
    childClasses: [],
    purposes: ["JOURNAL", "REPORTING"],
    purpose,
    sid: "client-1",
    rate: 60,
  };
}

const subject = (kind: DataSubject["kind"], schoolId: string): DataSubject => ({
  id: `${kind}-${schoolId}`,
  kind,
  schoolIds: [schoolId],
  districtIds: [D1],
  regionIds: [R1],
  classIds: ["5a"],
});

const school = partner({ schoolId: S1 });

describe("the PARTNER relationship (a school's integration, under JOURNAL)", () => {
  it("releases a pupil's name, enrolment and marks of its own school, nothing else of them", () => {
    const pupil = subject("STUDENT", S1);
    const released: Category[] = ["name", "enrolment", "academic"];
    const withheld: Category[] = ["demographic", "identifier", "contact", "address", "sensitive", "family", "account"];
    for (const category of released)
      expect(decide(school, pupil, category, ALL), category).toEqual({ released: true, relationship: "PARTNER" });
    for (const category of withheld)
      expect(decide(school, pupil, category, ALL), category).toEqual({ released: false, reason: "ROLE_NOT_ALLOWED" });
  });

  it("releases a staff member's name only; never a parent, nobody of another school", () => {
    expect(decide(school, subject("STAFF", S1), "name", ALL).released).toBe(true);
    expect(decide(school, subject("STAFF", S1), "contact", ALL)).toEqual({ released: false, reason: "ROLE_NOT_ALLOWED" });
    expect(canReach(school, subject("PARENT", S1))).toBe(false);
    for (const kind of ["STUDENT", "STAFF"] as const) {
      expect(canReach(school, subject(kind, S2))).toBe(false);
      expect(decide(school, subject(kind, S2), "name", ALL)).toEqual({ released: false, reason: "NO_RELATIONSHIP" });
    }
  });

  it("holds only under JOURNAL, and only for a school scope", () => {
    expect(canReach(partner({ schoolId: S1 }, "REPORTING"), subject("STUDENT", S1))).toBe(false);
    expect(canReach(partner({ districtId: D1 }), subject("STUDENT", S1))).toBe(false);
    expect(canReach(partner({}), subject("STAFF", S1))).toBe(false);
  });
});

describe("reports by the partner's scope", () => {
  it("a school partner: its school and, once placed, its classes; nothing else", () => {
    const reporting = partner({ schoolId: S1 }, "REPORTING");
    expect(mayReport(reporting, { level: "SCHOOL", id: S1 })).toBe(true);
    expect(mayReport(reporting, { level: "SCHOOL", id: S2 })).toBe(false);
    expect(mayReport(reporting, { level: "DISTRICT", id: D1 })).toBe(false);
    expect(mayReport(reporting, { level: "CLASS", id: "c1" })).toBeUndefined();
    expect(mayReport(reporting, { level: "CLASS", id: "c1" }, { classId: "c1", schoolId: S1 })).toBe(true);
    expect(mayReport(reporting, { level: "CLASS", id: "c2" }, { classId: "c2", schoolId: S2 })).toBe(false);
    expect(mayReport(school, { level: "SCHOOL", id: S1 })).toBe(false);
    expect(() => assertReportingCaller(school)).toThrow(/REPORTING/);
  });

  it("a district, region or ministry partner: its territory, the whole country for the ministry", () => {
    expect(mayReport(partner({ districtId: D1 }, "REPORTING"), { level: "DISTRICT", id: D1 })).toBe(true);
    expect(mayReport(partner({ districtId: D1 }, "REPORTING"), { level: "REGION", id: R1 })).toBe(false);
    expect(mayReport(partner({ regionId: R1 }, "REPORTING"), { level: "SCHOOL", id: S1 }, { schoolId: S1, regionId: R1 })).toBe(true);
    expect(mayReport(partner({}, "REPORTING"), { level: "REGION", id: "anywhere" })).toBe(true);
  });

  it("org and level go both ways", () => {
    for (const [level, unit] of [
      ["MINISTRY", null],
      ["REGION", R1],
      ["DISTRICT", D1],
      ["SCHOOL", S1],
    ] as const) {
      expect(partnerLevelOf(partnerOrg(level, unit))).toBe(level);
    }
  });
});

describe("the token at the door", () => {
  it("defaults to the first purpose the client holds, and refuses one it does not", async () => {
    const settings = { keys: await generateSigningKeys(), issuer: "emaktab", audience: "emaktab-api", accessTtlSeconds: 900 };
    const { token } = await signAccessToken(settings, { ...partner({ schoolId: S1 }), purposes: ["JOURNAL"] });
    const header = (values: Record<string, string>) => (name: string) => values[name];
    const caller = (await identify(header({ authorization: `Bearer ${token}` }), settings)).caller!;
    expect(caller).toMatchObject({ role: "INTEGRATION_PARTNER", purpose: "JOURNAL", rate: 60, sid: "client-1", org: { schoolId: S1 } });
    await expect(identify(header({ authorization: `Bearer ${token}`, "x-purpose": "REPORTING" }), settings)).rejects.toMatchObject({
      extensions: { code: "FORBIDDEN" },
    });
  });

  it("the gateway's limit is the token's rate per minute, scaled to the window, whatever RATE_LIMIT says", async () => {
    for (const [perCaller, windowSeconds, rate, expected] of [
      [600, 60, 3, 3],
      [0, 60, 3, 3],
      [600, 30, 4, 2],
    ] as const) {
      const limiter = new RateLimiter({ perCaller, perAnonymousAddress: 5, windowSeconds }, new MemoryRateStore(), () => 600_000);
      let allowed = 0;
      for (let i = 0; i < 10; i++) if ((await limiter.check({ sub: "client-1", rate }, "10.0.0.1")).allowed) allowed++;
      expect(allowed, `RATE_LIMIT=${perCaller}, window ${windowSeconds} s, rate ${rate}`).toBe(expected);
    }
  });
});
