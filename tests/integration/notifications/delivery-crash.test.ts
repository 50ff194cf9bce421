/**
 * Exactly once toward providers, as far as a crash allows (issue 17: 6.8 % of provider calls went out twice
 * after kill -9, because outcomes were written only after the whole batch). A worker sends a batch of 20 whose
 * provider answers come back one after another, and dies (everything it would do next never happens) when the
 * 8th answer arrives. A new worker takes the batch over once the lease has run out. Every delivery is sent in
 * the end and recorded once; only the calls still in flight at the crash go out again (the provider tells the
 * repeats by their idempotency key); none whose answer had come back does.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { EventEnvelope } from "../../../shared/events/bus.js";
import { loadConfig } from "../../../shared/config.js";
import { nowMs } from "../../../shared/clock.js";
import type { FetchLike } from "../../../subgraphs/notifications/channels/http-provider.js";
import { DeliveryWorker } from "../../../subgraphs/notifications/delivery/worker.js";
import { Contact, Delivery, GuardianLink, Notification, NotificationPreference } from "../../../subgraphs/notifications/entities/index.js";
import { notificationsSubgraph } from "../../../subgraphs/notifications/server.js";
import { providerEnv, startFakeProvider, type FakeProvider } from "../../fixtures/fake-provider.js";
import { startSubgraphHarness, type SubgraphHarness } from "../../fixtures/subgraph-harness.js";
import { pinToday, unpinToday } from "../../support/clock.js";

const BATCH = 20;
const CRASH_AT_ANSWER = 8;

let provider: FakeProvider;
let h: SubgraphHarness;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  // Daytime in Tashkent: no quiet hours hold the notices back.
  pinToday("2026-11-30");
  provider = await startFakeProvider();
  env = providerEnv(provider, { DELIVERY_BATCH_SIZE: String(BATCH), DELIVERY_TIMEOUT_MS: "2000", DELIVERY_POLL_MS: "0" });
  h = await startSubgraphHarness(notificationsSubgraph, { env });
});
afterAll(async () => {
  await h.close();
  await provider.close();
  unpinToday();
});

/** One SMS notice to a consenting parent; resolves with its id once the delivery is committed. */
async function smsNotice(): Promise<string> {
  const [parent, child] = [randomUUID(), randomUUID()];
  const em = h.orm.em.fork();
  em.persist(em.create(GuardianLink, { id: randomUUID(), studentId: child, guardianId: parent, locale: "UZ_LATN" }));
  em.persist(em.create(Contact, { recipientId: parent, phone: "+998901112233" }));
  em.persist(em.create(NotificationPreference, { recipientId: parent, channels: { GRADE: ["SMS"] } }));
  await em.flush();
  const event: EventEnvelope = {
    id: randomUUID(),
    topic: "journal.grade.recorded",
    source: "journal",
    occurredAt: new Date(nowMs()).toISOString(),
    payload: { gradeId: randomUUID(), studentId: child, kind: "CURRENT", value: 5, date: "2026-11-27" },
  };
  await h.bus.publish(event);
  return (await h.orm.em.fork().findOneOrFail(Notification, { sourceEventId: event.id })).id;
}

const never = <T>() => new Promise<T>(() => undefined);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it(`kill during a batch of ${BATCH}: nothing lost, only the calls in flight repeated`, { timeout: 60_000 }, async () => {
  const notices: string[] = [];
  for (let i = 0; i < BATCH; i++) notices.push(await smsNotice());
  const settings = loadConfig(env).delivery;

  // The provider receives every call at once; its answers reach the worker 40 ms apart. At the 8th the
  // process "dies": that answer and every later one never reach it, and it writes nothing more.
  let answers = 0;
  let dead = false;
  const returnedBeforeCrash = new Set<string>();
  let calls = 0;
  const dying: FetchLike = async (input, init) => {
    const order = calls++;
    const response = await fetch(input, init);
    await sleep(order * 40);
    if (dead || ++answers >= CRASH_AT_ANSWER) {
      dead = true;
      return never<Response>();
    }
    returnedBeforeCrash.add(String(new Headers(init.headers).get("idempotency-key")));
    return response;
  };
  const first = new DeliveryWorker(h.orm, settings, { fetch: dying, log: () => undefined });
  void first.runOnce();
  while (!dead) await sleep(20);
  // Writes the dead worker issued before the crash finish (a killed process's last commit does too, or not).
  await sleep(300);
  expect(provider.received).toHaveLength(BATCH);

  // A new instance, after the lease ran out.
  const second = new DeliveryWorker(h.orm, settings, { log: () => undefined });
  const later = new Date(nowMs() + settings.timeoutMs * 2 + 10_000);
  while ((await second.pass(later)).claimed > 0);

  const deliveries = await h.orm.em.fork().find(Delivery, { noticeId: { $in: notices } }, { disableIdentityMap: true });
  expect(deliveries.map((d) => d.status)).toEqual(Array(BATCH).fill("SENT"));
  const callsPerKey = new Map<string, number>();
  for (const r of provider.received) callsPerKey.set(r.idempotencyKey!, (callsPerKey.get(r.idempotencyKey!) ?? 0) + 1);
  expect(callsPerKey.size).toBe(BATCH);
  const repeated = [...callsPerKey].filter(([, n]) => n > 1).map(([key]) => key);
  console.log(
    `delivery crash: ${BATCH} deliveries, ${provider.received.length} provider calls, ${repeated.length} repeated ` +
      `(${((100 * repeated.length) / BATCH).toFixed(0)} % of the batch; ${returnedBeforeCrash.size} had answered before the kill)`,
  );
  // Nothing whose answer had come back goes out again; only the calls in flight at the crash may.
  expect(repeated.filter((key) => returnedBeforeCrash.has(key))).toEqual([]);
  expect(repeated.length).toBe(BATCH - returnedBeforeCrash.size);
});
