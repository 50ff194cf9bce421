/**
 * A revoked session's access tokens are refused everywhere: signOut (or a replayed refresh token) ends
 * the session in users, which refuses it from its own table at once, and tells the other subgraphs
 * through its outbox (`users.session.revoked`); each keeps a replica and refuses the token on its own,
 * whether reached through the gateway or directly.
 */
import { nowMs } from "../../../shared/clock.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_REVOKED } from "../../../shared/auth/revocations.js";
import { RevokedSession } from "../../../shared/auth/revoked-session.entity.js";
import { OutboxEvent } from "../../../shared/events/outbox-event.entity.js";
import { codes, doc, gql } from "../../support/client.js";
import { startTestSystem, type TestSystem } from "../../support/system.js";

const SIGN_IN = doc("sign-in");
const SIGN_OUT = doc("sign-out");
const REFRESH_SESSION = doc("refresh-session");
const ME = "{ me { id } }";
const REGIONS = "{ regions { name } }";
const TYPENAME = "{ __typename }";

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem({ SIGNIN_DELAY_MS: "0" });
});
afterAll(async () => {
  await system?.stop();
});

interface Session {
  accessToken: string;
  refreshToken: string;
}

async function signIn(login: string): Promise<Session> {
  const res = await gql<{ signIn: Session }>(system.gatewayUrl, SIGN_IN, { login, password: "demo-password" });
  expect(res.errors).toBeUndefined();
  return res.data!.signIn;
}

/** The revocation reaches the other subgraphs through the users outbox; wait until it has gone out. */
const delivered = async (): Promise<void> => {
  await system.relays.users.drain();
};

/** Every way the token can be presented: through the gateway (users and institutions) and each subgraph directly. */
async function everywhere(token: string): Promise<Record<string, string[]>> {
  const calls: Array<[string, string, string]> = [
    ["gateway me", system.gatewayUrl, ME],
    ["gateway regions", system.gatewayUrl, REGIONS],
    ["users", system.subgraphUrls.users, TYPENAME],
    ["institutions", system.subgraphUrls.institutions, TYPENAME],
    ["journal", system.subgraphUrls.journal, TYPENAME],
    ["notifications", system.subgraphUrls.notifications, TYPENAME],
  ];
  const results = await Promise.all(calls.map(([, url, query]) => gql(url, query, {}, { token })));
  return Object.fromEntries(calls.map(([label], i) => [label, codes(results[i]!)]));
}

const refusedEverywhere = {
  "gateway me": ["UNAUTHENTICATED"],
  "gateway regions": ["UNAUTHENTICATED"],
  users: ["UNAUTHENTICATED"],
  institutions: ["UNAUTHENTICATED"],
  journal: ["UNAUTHENTICATED"],
  notifications: ["UNAUTHENTICATED"],
};
const acceptedEverywhere = {
  "gateway me": [],
  "gateway regions": [],
  users: [],
  institutions: [],
  journal: [],
  notifications: [],
};

describe("revoked sessions", () => {
  it("after signOut the session's access token is UNAUTHENTICATED through the gateway and at every subgraph", async () => {
    const session = await signIn("demo-teacher");
    const other = await signIn("demo-teacher");
    expect(await everywhere(session.accessToken)).toEqual(acceptedEverywhere);

    const out = await gql(system.gatewayUrl, SIGN_OUT, { refreshToken: session.refreshToken });
    expect(out.data?.signOut).toBe(true);
    // Users owns the sessions: refused there at once, before any event is delivered.
    const me = await gql(system.gatewayUrl, ME, {}, { token: session.accessToken });
    expect(me.status).toBe(401);
    expect(codes(me)).toEqual(["UNAUTHENTICATED"]);

    await delivered();
    expect(await everywhere(session.accessToken)).toEqual(refusedEverywhere);
    // Only that session ended: the same person's other session goes on.
    expect(await everywhere(other.accessToken)).toEqual(acceptedEverywhere);
  });

  it("a replayed refresh token revokes the family: the access tokens of the session are refused everywhere", async () => {
    const first = await signIn("demo-parent");
    const second = (await gql<{ refreshSession: Session }>(system.gatewayUrl, REFRESH_SESSION, { refreshToken: first.refreshToken })).data!
      .refreshSession;
    expect(await everywhere(second.accessToken)).toEqual(acceptedEverywhere);

    expect(codes(await gql(system.gatewayUrl, REFRESH_SESSION, { refreshToken: first.refreshToken }))).toEqual(["UNAUTHENTICATED"]);
    await delivered();
    expect(await everywhere(first.accessToken)).toEqual(refusedEverywhere);
    expect(await everywhere(second.accessToken)).toEqual(refusedEverywhere);
  });

  it("writes one users.session.revoked event per ended session, and each replica holds the sid until the token expiry", async () => {
    const session = await signIn("demo-student");
    const sid = JSON.parse(Buffer.from(session.accessToken.split(".")[1]!, "base64url").toString("utf8")).sid as string;
    await gql(system.gatewayUrl, SIGN_OUT, { refreshToken: session.refreshToken });
    // A second signOut of the same session changes nothing and sends nothing.
    await gql(system.gatewayUrl, SIGN_OUT, { refreshToken: session.refreshToken });
    await delivered();

    const events = (await system.orms.users.em.fork().find(OutboxEvent, { topic: SESSION_REVOKED })).filter((e) => e.payload.sid === sid);
    expect(events).toHaveLength(1);
    expect(events[0]!.publishedAt).toBeInstanceOf(Date);
    const expiresAt = new Date(String(events[0]!.payload.expiresAt)).getTime();
    expect(expiresAt).toBeGreaterThan(nowMs());
    expect(expiresAt).toBeLessThanOrEqual(nowMs() + system.tokens.accessTtlSeconds * 1000);

    for (const name of ["institutions", "journal", "notifications"] as const) {
      const row = await system.orms[name].em.fork().findOne(RevokedSession, { sid });
      expect(row?.expiresAt.getTime(), name).toBe(expiresAt);
    }
  });

  it("costs each subgraph one statement per request to check the session", async () => {
    const session = await signIn("demo-principal");
    system.resetQueries();
    expect(codes(await gql(system.subgraphUrls.journal, TYPENAME, {}, { token: session.accessToken }))).toEqual([]);
    expect(system.queries.journal).toHaveLength(1);
    expect(system.queries.journal[0]).toMatch(/revoked_sessions/);
  });
});
