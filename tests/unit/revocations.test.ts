import type { MikroORM } from "@mikro-orm/core";
import { nowMs } from "../../shared/clock.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identify } from "../../shared/auth/caller.js";
import { generateSigningKeys } from "../../shared/auth/keys.js";
import {
  registerRevokedSessionConsumer,
  replicaRevocationCheck,
  SESSION_REVOKED,
  withRevocationCheck,
} from "../../shared/auth/revocations.js";
import { RevokedSession } from "../../shared/auth/revoked-session.entity.js";
import { signAccessToken, type TokenSettings } from "../../shared/auth/tokens.js";
import { openDatabase } from "../../shared/db/database.js";
import { InProcessBus, type EventEnvelope } from "../../shared/events/bus.js";

let orm: MikroORM;
const bus = new InProcessBus();
beforeAll(async () => {
  orm = await openDatabase({ name: "replica", entities: [RevokedSession], url: ":memory:" });
  registerRevokedSessionConsumer(orm, bus, "test");
});
afterAll(() => orm.close());

const event = (id: string, payload: Record<string, unknown>): EventEnvelope => ({
  id,
  topic: SESSION_REVOKED,
  source: "users",
  occurredAt: new Date().toISOString(),
  payload,
});
const inAMinute = (): string => new Date(nowMs() + 60_000).toISOString();

describe("the revoked-session replica", () => {
  it("records a revoked sid once, however often the event is delivered", async () => {
    const e = event("00000000-0000-4000-8000-000000000001", { sid: "sid-a", expiresAt: inAMinute() });
    await bus.publish(e);
    await bus.publish(e);
    expect(await orm.em.fork().count(RevokedSession, { sid: "sid-a" })).toBe(1);
    expect(await replicaRevocationCheck(orm)("sid-a")).toBe(true);
    expect(await replicaRevocationCheck(orm)("sid-b")).toBe(false);
  });

  it("ignores a malformed or already expired revocation and drops rows whose tokens have expired", async () => {
    const em = orm.em.fork();
    em.persist(em.create(RevokedSession, { sid: "old", expiresAt: new Date(nowMs() - 1000) }));
    await em.flush();
    await bus.publish(event("00000000-0000-4000-8000-000000000002", { sid: 42, expiresAt: inAMinute() }));
    await bus.publish(event("00000000-0000-4000-8000-000000000003", { sid: "sid-late", expiresAt: new Date(nowMs() - 1).toISOString() }));
    const sids = (await orm.em.fork().find(RevokedSession, {})).map((r) => r.sid).sort();
    expect(sids).toEqual(["sid-a"]);
  });
});

describe("identify with a revocation check", () => {
  it("refuses a token of a revoked session with UNAUTHENTICATED; every token carries a sid, given at signing when the claims have none", async () => {
    const keys = await generateSigningKeys();
    const base: TokenSettings = { keys, issuer: "emaktab", audience: "emaktab-api", accessTtlSeconds: 900 };
    const looked: string[] = [];
    const tokens = withRevocationCheck(base, async (sid) => (looked.push(sid), sid === "ended"));
    const claims = { sub: "u1", role: "STUDENT" as const, locale: "EN" as const, org: {}, classes: [], teaching: [], homeroom: [] };
    const make = async (sid?: string) =>
      (await signAccessToken(base, { ...claims, children: [], childClasses: [], purposes: [], ...(sid ? { sid } : {}) })).token;
    const header = (token: string) => (name: string) => (name === "authorization" ? `Bearer ${token}` : undefined);

    const ended = await make("ended");
    await expect(identify(header(ended), tokens)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    expect((await identify(header(await make("live")), tokens)).caller?.sid).toBe("live");
    await identify(header(await make()), tokens);
    expect(looked.slice(0, 2)).toEqual(["ended", "live"]);
    expect(looked).toHaveLength(3);
    // Without a check (the gateway) the signature alone decides.
    expect((await identify(header(ended), base)).caller?.sid).toBe("ended");
  });
});
