/** User.notifications and markNotificationsRead: a notice is its recipient's alone. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Notification } from "../../../subgraphs/notifications/entities/index.js";
import { notificationsSubgraph } from "../../../subgraphs/notifications/server.js";
import { claims, startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { MARK_NOTIFICATIONS_READ, USER_NOTIFICATIONS } from "../../graphql/notifications.js";
import { codes, gql } from "../../support/client.js";

let h: SubgraphHarness;
const parent = randomUUID();
const otherParent = randomUUID();
const child = randomUUID();
const ids: Record<string, string[]> = { [parent]: [], [otherParent]: [] };

beforeAll(async () => {
  h = await startSubgraphHarness(notificationsSubgraph);
  const em = h.orm.em.fork();
  for (const [recipientId, count] of [
    [parent, 3],
    [otherParent, 2],
  ] as const) {
    for (let i = 0; i < count; i++) {
      const notice = em.create(Notification, {
        id: randomUUID(),
        recipientId,
        studentId: child,
        kind: "GRADE",
        title: `Yangi baho: ${i + 3} (2026-11-2${i})`,
        body: "…",
        sourceEventId: randomUUID(),
        createdAt: new Date(Date.UTC(2026, 10, 20 + i)),
      });
      em.persist(notice);
      ids[recipientId]!.push(notice.id);
    }
  }
  await em.flush();
});
afterAll(() => h.close());

const tokenOf = (sub: string) => h.tokenFor(claims(sub, "PARENT", { children: [child] }));
const list = async (whose: string, as: string, vars: object = {}) =>
  gql(h.url, USER_NOTIFICATIONS, { r: [{ __typename: "User", id: whose }], ...vars }, { token: await tokenOf(as) });

describe("User.notifications", () => {
  it("returns the caller's own notices, newest first, with first and unreadOnly", async () => {
    const res = await list(parent, parent);
    expect(res.errors).toBeUndefined();
    expect(res.data._entities[0].notifications.map((n: any) => n.id)).toEqual([...ids[parent]!].reverse());
    const firstTwo = await list(parent, parent, { first: 2 });
    expect(firstTwo.data._entities[0].notifications).toHaveLength(2);
    expect(codes(await list(parent, parent, { first: 0 }))).toContain("BAD_USER_INPUT");
  });

  it("withholds someone else's notices, even from a co-parent of the same child", async () => {
    const res = await list(parent, otherParent);
    // Withheld is null with its error; [] would say there are none.
    expect(res.data._entities[0].notifications).toBeNull();
    expect(res.errors![0]).toMatchObject({
      path: ["_entities", 0, "notifications"],
      extensions: { code: "PERSONAL_DATA_WITHHELD", reason: "NO_RELATIONSHIP" },
    });
  });

  it("needs a token", async () => {
    expect(codes(await gql(h.url, USER_NOTIFICATIONS, { r: [{ __typename: "User", id: parent }] }))).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("markNotificationsRead", () => {
  const mark = async (as: string, noticeIds: string[]) =>
    gql(h.url, MARK_NOTIFICATIONS_READ, { ids: noticeIds }, { token: await tokenOf(as) });

  it("changes nothing of someone else's notices", async () => {
    const res = await mark(otherParent, ids[parent]!);
    expect(res.errors).toBeUndefined();
    expect(res.data.markNotificationsRead).toBe(0);
    expect(await h.orm.em.fork().count(Notification, { recipientId: parent, readAt: null })).toBe(3);
  });

  it("marks the caller's own, counts only those that changed, and unreadOnly then hides them", async () => {
    const mixed = [ids[parent]![0]!, ids[otherParent]![0]!];
    expect((await mark(parent, mixed)).data.markNotificationsRead).toBe(1);
    expect((await mark(parent, mixed)).data.markNotificationsRead).toBe(0);
    const unread = await list(parent, parent, { unreadOnly: true });
    expect(unread.data._entities[0].notifications.map((n: any) => n.id).sort()).toEqual(ids[parent]!.slice(1).sort());
    const all = await list(parent, parent);
    expect(all.data._entities[0].notifications.find((n: any) => n.id === ids[parent]![0]).readAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await h.orm.em.fork().count(Notification, { recipientId: otherParent, readAt: null })).toBe(2);
  });

  it("refuses malformed ids and needs a token", async () => {
    expect(codes(await mark(parent, ["not-an-id"]))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await gql(h.url, MARK_NOTIFICATIONS_READ, { ids: [ids[parent]![1]] }))).toEqual(["UNAUTHENTICATED"]);
  });
});
