import type { MikroORM } from "@mikro-orm/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../shared/db/database.js";
import { InProcessBus, type EventEnvelope } from "../../shared/events/bus.js";
import { BlockedField } from "../../shared/privacy/blocked-field.entity.js";
import { blockedFieldsLoader, DATA_BLOCKED, replicatedBlocks } from "../../shared/privacy/blocks.js";

let orm: MikroORM;
const bus = new InProcessBus();
beforeAll(async () => {
  // Every subgraph database has the table (an infrastructure entity): no entity of our own is needed.
  orm = await openDatabase({ name: "replica", entities: [], url: ":memory:" });
  replicatedBlocks({ orm, bus }, "test");
});
afterAll(() => orm.close());

let n = 0;
const event = (payload: Record<string, unknown>): EventEnvelope => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
  topic: DATA_BLOCKED,
  source: "users",
  occurredAt: new Date().toISOString(),
  payload,
});
const blockedOf = async (subjectId: string): Promise<string[]> =>
  (await orm.em.fork().find(BlockedField, { subjectId })).map((b) => b.field).sort();

describe("the blocked-field replica", () => {
  it("puts a block in force once, however often the event is delivered, and lifts it", async () => {
    const block = event({ subjectId: "s1", fields: ["User.phone", "User.grades"], blocked: true });
    await bus.publish(block);
    await bus.publish(block);
    expect(await blockedOf("s1")).toEqual(["User.grades", "User.phone"]);
    // A second block of a blocked field changes nothing.
    await bus.publish(event({ subjectId: "s1", fields: ["User.phone"], blocked: true }));
    expect(await blockedOf("s1")).toEqual(["User.grades", "User.phone"]);
    await bus.publish(event({ subjectId: "s1", fields: ["User.grades"], blocked: false }));
    expect(await blockedOf("s1")).toEqual(["User.phone"]);
  });

  it("skips a payload it does not understand instead of failing the delivery for ever", async () => {
    await expect(bus.publish(event({ subjectId: "s2", fields: "User.phone", blocked: true }))).resolves.toBeUndefined();
    await expect(bus.publish(event({ subjectId: "s2", fields: ["User.phone"] }))).resolves.toBeUndefined();
    expect(await blockedOf("s2")).toEqual([]);
  });

  it("reads the blocks of many subjects in one statement", async () => {
    const statements: string[] = [];
    const counted = await openDatabase({ name: "counted", entities: [], url: ":memory:", onQuery: (sql) => statements.push(sql) });
    try {
      await counted.em.fork().insert(BlockedField, { subjectId: "a", field: "User.phone", blockedAt: new Date() });
      statements.length = 0;
      const loader = blockedFieldsLoader(counted.em.fork());
      const sets = await Promise.all(["a", "b", "c", "a"].map((id) => loader.load(id)));
      expect(sets.map((s) => [...s])).toEqual([["User.phone"], [], [], ["User.phone"]]);
      expect(statements.filter((sql) => sql.includes("blocked_fields"))).toHaveLength(1);
    } finally {
      await counted.close();
    }
  });
});
