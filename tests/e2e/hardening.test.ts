/**
 * The hardening points of the attack report (issue 12 §9), each attack made through the gateway and,
 * where it applies, straight at a subgraph, and shown refused: tokens missing exp/sid/jti, an unknown
 * operationName, NUL bytes and broken UTF-8, existing-but-unrelated versus unknown ids, another school's
 * lessons, the other parent's notices in a child's report, and X-Legal-* text in percent-encoded UTF-8.
 */
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { parse, print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccessRecord } from "../../shared/audit/access-record.entity.js";
import { TOKEN_ALG } from "../../shared/auth/keys.js";
import { Notification } from "../../subgraphs/notifications/entities/index.js";
import { codes, doc, gql, signIn } from "../support/client.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { demoIds, type DemoIds } from "./demo-ids.js";

const DOCS = doc("hardening");
const PERSONAL_DATA = doc("my-personal-data");
const YEAR = { from: "2026-09-01", to: "2027-06-30" };
/** One operation of the file on its own: a subgraph validates only what its own schema holds. */
const op = (name: string): string =>
  print({ kind: parse(DOCS).kind, definitions: parse(DOCS).definitions.filter((d) => "name" in d && d.name?.value === name) } as never);

let system: TestSystem;
let ids: DemoIds;
beforeAll(async () => {
  system = await startTestSystem();
  ids = await demoIds(system);
});
afterAll(async () => {
  await system?.stop();
});

/** POSTs a raw body (a document with several operations, bytes that are not UTF-8). */
async function post(url: string, body: string | Uint8Array, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const json = (await response.json()) as { errors?: Array<{ extensions?: { code?: string; field?: string } }> };
  return {
    status: response.status,
    codes: (json.errors ?? []).map((e) => e.extensions?.code),
    fields: (json.errors ?? []).map((e) => e.extensions?.field),
  };
}

const everywhere = (): Array<[string, string]> => [
  ["gateway", system.gatewayUrl],
  ["users subgraph", system.subgraphUrls.users],
];

describe("tokens must carry exp, sid and jti", () => {
  /** A token signed with the real key, valid in every way but one missing claim. */
  async function tokenWithout(claim: "exp" | "sid" | "jti"): Promise<string> {
    const me = ids.people["demo-teacher"];
    let jwt = new SignJWT({ role: "TEACHER", org: {}, ...(claim === "sid" ? {} : { sid: randomUUID() }) })
      .setProtectedHeader({ alg: TOKEN_ALG, typ: "JWT" })
      .setSubject(me.id)
      .setIssuer("emaktab")
      .setAudience("emaktab-api")
      .setIssuedAt();
    if (claim !== "exp") jwt = jwt.setExpirationTime("10m");
    if (claim !== "jti") jwt = jwt.setJti(randomUUID());
    return jwt.sign(system.tokens.keys.privateKey!);
  }

  it("refuses each with UNAUTHENTICATED at the gateway and at a subgraph; the complete token passes", async () => {
    for (const claim of ["exp", "sid", "jti"] as const) {
      const token = await tokenWithout(claim);
      for (const [where, url] of everywhere()) {
        expect(codes(await gql(url, op("HardeningMe"), {}, { token })), `${where} without ${claim}`).toEqual(["UNAUTHENTICATED"]);
      }
    }
    const good = await signIn(system.gatewayUrl, "demo-teacher");
    const me = await fetch(system.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${good}` },
      body: JSON.stringify({ query: DOCS, operationName: "HardeningMe" }),
    });
    expect(((await me.json()) as any).data.me.id).toBe(ids.people["demo-teacher"].id);
  });
});

describe("request input", () => {
  it("an operationName that names no operation is BAD_USER_INPUT (400), not a 500", async () => {
    const token = await signIn(system.gatewayUrl, "demo-teacher");
    for (const [where, url] of everywhere()) {
      const query = `${op("HardeningMe")}\n${op("HardeningSignIn")}`;
      const res = await post(url, JSON.stringify({ query, operationName: "NoSuchOperation" }), { authorization: `Bearer ${token}` });
      // The gateway answers application/json request errors with 200 (GraphQL over HTTP); a subgraph with 400.
      expect(res, where).toEqual({ status: where === "gateway" ? 200 : 400, codes: ["BAD_USER_INPUT"], fields: ["operationName"] });
    }
  });

  it("a NUL byte or a lone surrogate in a string, as a variable or a literal, is BAD_USER_INPUT", async () => {
    const signInDoc = (login: string) => JSON.stringify({ query: op("HardeningSignIn"), variables: { login, password: "x" } });
    for (const [where, url] of everywhere()) {
      for (const login of ["demo-parent\u0000", "demo-\ud800parent"]) {
        const res = await post(url, signInDoc(login));
        expect(res.codes, `${where} ${JSON.stringify(login)}`).toEqual(["BAD_USER_INPUT"]);
        expect(res.fields, where).toEqual(["variables.login"]);
      }
      const literal = await post(url, JSON.stringify({ query: 'mutation { signIn(login: "a\\u0000b", password: "x") { accessToken } }' }));
      expect(literal.codes, `${where} literal`).toEqual(["BAD_USER_INPUT"]);
    }
  });

  it("a body whose bytes are not UTF-8 is BAD_USER_INPUT (400), not text with U+FFFD in it", async () => {
    const head = new TextEncoder().encode('{"query":"mutation { signIn(login: \\"demo');
    const tail = new TextEncoder().encode('\\", password: \\"x\\") { accessToken } }"}');
    const body = new Uint8Array([...head, 0xc3, 0x28, ...tail]);
    for (const [where, url] of everywhere()) {
      expect(await post(url, body), where).toMatchObject({ status: 400, codes: ["BAD_USER_INPUT"] });
    }
  });
});

describe("a caller with no relationship cannot tell an unknown id from a forbidden one", () => {
  it("user(id): the same error, code and message, for another school's teacher and for an id nobody has", async () => {
    const token = await signIn(system.gatewayUrl, "demo-teacher");
    for (const [where, url] of everywhere()) {
      const call = (id: string) =>
        fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: op("HardeningUserName"), variables: { id } }),
        }).then(async (r) => ((await r.json()) as any).errors);
      const forbidden = await call(ids.people["demo-teacher-other"].id);
      const unknown = await call(randomUUID());
      expect(
        forbidden.map((e: any) => e.extensions.code),
        where,
      ).toEqual(["FORBIDDEN"]);
      expect(unknown, where).toEqual(forbidden);
    }
  });
});

describe("lessons of another school's class", () => {
  it("give demo-teacher no teacher ids, topics or homework of 7-A: the same empty list as an unknown class", async () => {
    const call = async (login: "demo-teacher" | "demo-teacher-other", url: string, classId: string) => {
      const token = await signIn(system.gatewayUrl, login);
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: op("HardeningClassLessons"), variables: { classId, ...YEAR } }),
      });
      return (await res.json()) as any;
    };
    const sevenA = ids.classes["7-A"]!;
    for (const url of [system.gatewayUrl, system.subgraphUrls.journal]) {
      const own = await call("demo-teacher-other", url, sevenA);
      expect(own.errors, url).toBeUndefined();
      expect(own.data.lessons.length, url).toBeGreaterThan(0);
      expect(own.data.lessons.some((l: any) => l.topic && l.teacher?.id)).toBe(true);
      const other = await call("demo-teacher", url, sevenA);
      expect(other, url).toEqual({ data: { lessons: [] } });
      expect(await call("demo-teacher", url, randomUUID()), url).toEqual(other);
    }
  });
});

describe("a child's report shows the reading parent only the notices sent to them", () => {
  it("demo-parent does not see a notice about demo-student sent to another guardian; the DPO does", async () => {
    const student = ids.people["demo-student"].id;
    const em = system.orms.notifications.em.fork();
    em.create(Notification, {
      id: randomUUID(),
      recipientId: randomUUID(),
      studentId: student,
      kind: "GRADE",
      title: "Boshqa vasiyga: baho 2",
      body: "x",
      sourceEventId: randomUUID(),
    } as never);
    await em.flush();
    const notices = (res: any): string[] =>
      res.data.myPersonalData.items.filter((i: any) => i.category === "messages").map((i: any) => i.value as string);
    const parent = await gql(
      system.gatewayUrl,
      PERSONAL_DATA,
      { subjectId: student },
      { token: await signIn(system.gatewayUrl, "demo-parent") },
    );
    expect(parent.errors).toBeUndefined();
    expect(notices(parent).some((v) => v.includes("Boshqa vasiyga"))).toBe(false);
    // The officer reads a report only while handling a request of the subject, or under a legal request with its basis.
    const dpo = await gql(
      system.gatewayUrl,
      PERSONAL_DATA,
      { subjectId: student },
      { token: await signIn(system.gatewayUrl, "demo-dpo"), purpose: "LEGAL_REQUEST", legalBasis: "Sud ajrimi 46" },
    );
    expect(dpo.errors).toBeUndefined();
    expect(notices(dpo).some((v) => v.includes("Boshqa vasiyga"))).toBe(true);
  });
});

describe("X-Legal-* headers are percent-encoded UTF-8", () => {
  const BASIS = "Sud ajrimi № 46 (Чилонзор)";

  it("stores the decoded text in the audit; raw non-ASCII or a broken escape is BAD_USER_INPUT", async () => {
    const token = await signIn(system.gatewayUrl, "demo-dpo");
    const student = ids.people["demo-student"].id;
    const requestId = `legal-${randomUUID()}`;
    const read = await fetch(system.gatewayUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
        "x-purpose": "LEGAL_REQUEST",
        "x-legal-basis": encodeURIComponent(BASIS),
        "x-legal-recipient": encodeURIComponent("Chilonzor tuman sudi"),
        "x-request-id": requestId,
      },
      body: JSON.stringify({ query: DOCS, operationName: "HardeningUserName", variables: { id: student } }),
    });
    expect(((await read.json()) as any).errors).toBeUndefined();
    const rows = await system.orms.users.em.fork().find(AccessRecord, { subjectId: student, legalBasis: { $ne: null } });
    expect(rows.map((r) => r.legalBasis)).toContain(BASIS);
    expect(rows.map((r) => r.recipient)).toContain("Chilonzor tuman sudi");

    for (const bad of ["Sud ajrimi é", "%E2%84", "Sud%00ajrimi"]) {
      for (const [where, url] of everywhere()) {
        const res = await fetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${token}`,
            "x-purpose": "LEGAL_REQUEST",
            "x-legal-basis": bad,
          },
          body: JSON.stringify({ query: op("HardeningMe") }),
        });
        const body = (await res.json()) as any;
        expect(
          body.errors.map((e: any) => e.extensions.code),
          `${where} ${bad}`,
        ).toEqual(["BAD_USER_INPUT"]);
        expect(body.errors[0].extensions.field).toBe("X-Legal-Basis");
      }
    }
  });
});
