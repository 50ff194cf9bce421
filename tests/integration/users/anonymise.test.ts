/**
 * The users anonymiser on its own: identity gone, sign-in gone, every live session ended through the
 * outbox, and only the refresh-token rows this subgraph still needs to refuse a session's access tokens
 * kept. A second call changes nothing.
 */
import { nowMs } from "../../../shared/clock.js";
import { randomUUID } from "node:crypto";
import type { MikroORM } from "@mikro-orm/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_REVOKED } from "../../../shared/auth/revocations.js";
import { openDatabase } from "../../../shared/db/database.js";
import { OutboxEvent } from "../../../shared/events/outbox-event.entity.js";
import {
  Guardianship,
  PasswordCredential,
  RefreshToken,
  SignInThrottle,
  User,
  usersEntities,
} from "../../../subgraphs/users/entities/index.js";
import { anonymise } from "../../../subgraphs/users/privacy/anonymise.js";
import { sessionRevocationCheck } from "../../../subgraphs/users/sign-in/sessions.js";
import { testDatabaseUrl } from "../../support/database.js";

const TTL = 900;
const MINUTE = 60_000;
let orm: MikroORM;
const student = randomUUID();
const parent = randomUUID();
const family = { live: randomUUID(), justEnded: randomUUID(), endedLongAgo: randomUUID(), expired: randomUUID() };

beforeAll(async () => {
  orm = await openDatabase({ name: "users", entities: usersEntities, url: testDatabaseUrl("users") });
  const em = orm.em.fork();
  em.persist(
    em.create(User, {
      id: student,
      login: "zarina.q",
      role: "STUDENT",
      fullName: "Qodirova Zarina Anvar qizi",
      fullNameCyrl: "Қодирова Зарина Анвар қизи",
      birthDate: "2015-03-08",
      gender: "F",
      phone: "+998901234567",
      email: "zarina@example.uz",
      pinfl: "12345678901234",
      address: "Chilonzor 7, 12",
    }),
  );
  em.persist(em.create(User, { id: parent, login: "anvar.q", role: "PARENT", fullName: "Qodirov Anvar" }));
  em.persist(em.create(PasswordCredential, { userId: student, hash: "scrypt$x" }));
  em.persist(em.create(Guardianship, { id: randomUUID(), parentId: parent, studentId: student }));
  em.persist(em.create(SignInThrottle, { key: "login:zarina.q", failures: 2 }));
  const now = nowMs();
  const token = (familyId: string, createdAgoMs: number, extra: Partial<RefreshToken> = {}) =>
    em.persist(
      em.create(RefreshToken, {
        id: randomUUID(),
        userId: student,
        familyId,
        tokenHash: randomUUID().replace(/-/g, "").padEnd(64, "0"),
        expiresAt: new Date(now + 30 * 24 * 60 * MINUTE),
        createdAt: new Date(now - createdAgoMs),
        ...extra,
      }),
    );
  token(family.live, 10 * MINUTE, { usedAt: new Date(now - 5 * MINUTE) });
  token(family.live, 5 * MINUTE);
  token(family.justEnded, 8 * MINUTE, { revokedAt: new Date(now - MINUTE) });
  token(family.endedLongAgo, 3 * 24 * 60 * MINUTE, { revokedAt: new Date(now - 2 * 24 * 60 * MINUTE) });
  token(family.expired, 40 * 24 * 60 * MINUTE, { expiresAt: new Date(now - MINUTE) });
  await em.flush();
});
afterAll(() => orm?.close());

describe("users anonymise", () => {
  it("replaces identity, removes the credential, the throttle row and the family links, ends the live session", async () => {
    const counts = await orm.em.fork().transactional((em) => anonymise(em, student, { accessTtlSeconds: TTL }));
    // Refresh tokens: 5 rows; the newest of the live and the just-ended session stay (the live one now revoked).
    expect(counts).toEqual({
      users: 1,
      password_credentials: 1,
      refresh_tokens: 4,
      sign_in_throttles: 1,
      guardianships: 1,
      data_requests: 0,
    });

    const em = orm.em.fork();
    expect(await em.findOneOrFail(User, { id: student })).toMatchObject({
      login: `anonymised-${student}`,
      role: "STUDENT",
      fullName: "Anonymised",
      fullNameCyrl: "Anonymised",
      birthDate: null,
      gender: null,
      phone: null,
      email: null,
      pinfl: null,
      address: null,
    });
    expect(await em.count(PasswordCredential, { userId: student })).toBe(0);
    expect(await em.count(SignInThrottle, {})).toBe(0);
    expect(await em.count(Guardianship, {})).toBe(0);
    expect((await em.findOneOrFail(User, { id: parent })).fullName).toBe("Qodirov Anvar");

    const kept = await em.find(RefreshToken, { userId: student });
    expect(kept.map((r) => r.familyId).sort()).toEqual([family.live, family.justEnded].sort());
    expect(kept.every((r) => r.revokedAt instanceof Date)).toBe(true);
    const check = sessionRevocationCheck(orm);
    expect(await check(family.live)).toBe(true);
    expect(await check(family.justEnded)).toBe(true);

    const events = await em.find(OutboxEvent, { topic: SESSION_REVOKED });
    expect(events.map((e) => e.payload.sid)).toEqual([family.live]);
    const expiresAt = Date.parse(String(events[0]!.payload.expiresAt));
    expect(Math.abs(expiresAt - (nowMs() + TTL * 1000))).toBeLessThan(MINUTE);
  });

  it("a second call changes nothing and counts zero", async () => {
    const counts = await orm.em.fork().transactional((em) => anonymise(em, student, { accessTtlSeconds: TTL }));
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    expect(await orm.em.fork().count(OutboxEvent, { topic: SESSION_REVOKED })).toBe(1);
  });

  it("an id nobody has is no error and changes nothing", async () => {
    const counts = await orm.em.fork().transactional((em) => anonymise(em, randomUUID()));
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  });
});
