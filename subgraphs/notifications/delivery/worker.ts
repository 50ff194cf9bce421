/**
 * Sends due deliveries through their providers, on a timer in the notifications server. Any number of
 * workers (processes, or passes of one) may run at once: each delivery is claimed by exactly one of them
 * (claim.ts), so no two send it at the same time. Each delivery's outcome is written the moment its provider
 * call returns, not after the batch: a worker that dies mid-batch leaves only the calls still in flight to be
 * taken again when its lease runs out, and the provider recognises those repeats by their idempotency key.
 */
import type { EntityManager, MikroORM } from "@mikro-orm/core";
import type { DeliveryConfig } from "../../../shared/config.js";
import { PeriodicJob } from "../../../shared/jobs/periodic-job.js";
import { addressOf, ADDRESS_NEEDED } from "../channels/addresses.js";
import { sendToProvider, type FetchLike, type SendOutcome } from "../channels/http-provider.js";
import { idempotencyKey, providerMessage } from "../channels/messages.js";
import { Contact, Delivery, GuardianLink, Notification, type DeliveryStatus } from "../entities/index.js";
import { preferencesOf } from "../preferences/read.js";
import { backoffDelay } from "./backoff.js";
import { claim, findDue } from "./claim.js";
import { enabledChannels } from "./settings.js";
import { now as clockNow, nowMs } from "../../../shared/clock.js";

export interface WorkerOptions {
  fetch?: FetchLike;
  /** For the jitter; tests may pin it. */
  random?: () => number;
  /** Dead letters and failed passes are reported here (ids, channel and our error words only). */
  log?: (message: string) => void;
}

/** What happened to one claimed delivery, before it is written back. */
type Result = { status: "SENT" } | { status: "FAILED_RETRYING" | "DEAD" | "CANCELLED"; error: string; attempted: boolean; retryAt?: Date };

/**
 * Kinds a parent hears about only while their consent to notices is in force. A correction notice is the
 * operator's duty to the recipient of corrected data (ZRU-547), not something consented to.
 */
const needsConsent = (notice: Notification): boolean => notice.kind !== "DATA_CORRECTION";

/** Each run sends everything due, pass after pass, and resolves with the deliveries handled. */
export class DeliveryWorker extends PeriodicJob<number> {
  private readonly log: (message: string) => void;

  constructor(
    private readonly orm: MikroORM,
    private readonly settings: DeliveryConfig,
    private readonly options: WorkerOptions = {},
  ) {
    // No external channel switched on: nothing to send, no timer.
    super(enabledChannels(settings).length === 0 ? 0 : settings.pollMs);
    this.log = options.log ?? ((message) => console.warn(message));
  }

  protected work(): Promise<number> {
    return this.drain();
  }

  protected failed(error: unknown): number {
    this.log(`[notifications] delivery pass failed: ${error instanceof Error ? error.message : String(error)}`);
    return 0;
  }

  private async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const { due, claimed } = await this.pass();
      total += claimed;
      // A short batch means nothing more was due when it was read.
      if (due < this.settings.batchSize) return total;
    }
  }

  /**
   * One batch: read what is due, claim it, send in parallel, record. `due`: rows read; `claimed`: those this
   * worker won (another worker may have taken the rest). Public so tests can run two workers side by side.
   */
  async pass(now: Date = clockNow()): Promise<{ due: number; claimed: number }> {
    const channels = enabledChannels(this.settings);
    if (channels.length === 0) return { due: 0, claimed: 0 };
    const em = this.orm.em.fork();
    const due = await findDue(em, channels, now, this.settings.batchSize);
    if (due.length === 0) return { due: 0, claimed: 0 };
    const claimed = await claim(em, due, now, this.leaseMs());
    if (claimed.length > 0) await this.sendAll(em, claimed);
    return { due: due.length, claimed: claimed.length };
  }

  /**
   * Longer than a whole batch takes (its calls run in parallel, each bounded by the timeout, and each outcome
   * is written as its call returns), so a live worker's claim never runs out under it.
   */
  private leaseMs(): number {
    return this.settings.timeoutMs * 2 + 5_000;
  }

  /** Sends the batch in parallel; each outcome is recorded as soon as its own call returns. */
  private async sendAll(em: EntityManager, claimed: Delivery[]): Promise<void> {
    const noticeIds = [...new Set(claimed.map((d) => d.noticeId))];
    const recipients = [...new Set(claimed.map((d) => d.recipientId))];
    const [notices, contacts, prefs, links] = await Promise.all([
      em.find(Notification, { id: { $in: noticeIds } }),
      em.find(Contact, { recipientId: { $in: recipients } }),
      preferencesOf(em, recipients),
      em.find(GuardianLink, { guardianId: { $in: recipients }, notify: true }),
    ]);
    const noticeById = new Map(notices.map((n) => [n.id, n]));
    const contactOf = new Map(contacts.map((c) => [c.recipientId, c]));
    const consented = new Set(links.map((l) => `${l.guardianId}|${l.studentId}`));
    // A DIGEST notice names no one child: it goes out while the guardian's consent is in force for any of them.
    for (const link of links) consented.add(`${link.guardianId}|`);
    const sendOne = async (delivery: Delivery): Promise<Result> => {
      const notice = noticeById.get(delivery.noticeId);
      if (!notice) return { status: "DEAD", error: "the notice no longer exists", attempted: false };
      if (needsConsent(notice) && !consented.has(`${notice.recipientId}|${notice.studentId ?? ""}`)) {
        return { status: "CANCELLED", error: "consent to notices withdrawn or guardianship ended", attempted: false };
      }
      const book = { ...contactOf.get(delivery.recipientId), telegramChatId: prefs.get(delivery.recipientId)?.telegramChatId };
      const to = addressOf(delivery.channel, book);
      if (!to) return { status: "DEAD", error: `no address: ${ADDRESS_NEEDED[delivery.channel]} is not on file`, attempted: false };
      const endpoint = this.settings.providers[delivery.channel]!;
      const key = idempotencyKey(delivery.noticeId, delivery.channel);
      const outcome = await sendToProvider(
        endpoint,
        providerMessage(delivery.channel, to, notice, key),
        key,
        this.settings.timeoutMs,
        this.options.fetch,
      );
      return this.resultOf(delivery, outcome);
    };
    // A fork per delivery: the writes run concurrently, and an EntityManager is not to be shared by them.
    await Promise.all(claimed.map(async (delivery) => this.record(em.fork(), delivery, await sendOne(delivery))));
  }

  private resultOf(delivery: Delivery, outcome: SendOutcome): Result {
    if (outcome.kind === "sent") return { status: "SENT" };
    if (outcome.kind === "rejected") return { status: "DEAD", error: outcome.error, attempted: true };
    if (delivery.attempts >= this.settings.maxAttempts) {
      return { status: "DEAD", error: `${outcome.error}; gave up after ${delivery.attempts} attempts`, attempted: true };
    }
    const wait = backoffDelay(delivery.attempts, this.settings, this.options.random);
    return { status: "FAILED_RETRYING", error: outcome.error, attempted: true, retryAt: new Date(nowMs() + wait) };
  }

  /** Writes an outcome back, only while the claim is still this worker's. */
  private async record(em: EntityManager, delivery: Delivery, result: Result): Promise<void> {
    const now = clockNow();
    const token = delivery.claimToken;
    const status: DeliveryStatus = result.status;
    const common = { status, claimToken: null, updatedAt: now };
    if (result.status === "SENT") {
      await em.nativeUpdate(
        Delivery,
        { id: delivery.id, claimToken: token },
        { ...common, sentAt: now, nextAttemptAt: null, lastError: null },
      );
      return;
    }
    await em.nativeUpdate(
      Delivery,
      { id: delivery.id, claimToken: token },
      {
        ...common,
        nextAttemptAt: result.retryAt ?? null,
        lastError: result.error.slice(0, 200),
        // A delivery dropped before any call to a provider used no attempt.
        ...(result.attempted ? {} : { attempts: delivery.attempts - 1 }),
      },
    );
    if (result.status === "DEAD") this.log(`[notifications] delivery ${delivery.id} (${delivery.channel}) is dead: ${result.error}`);
  }
}
