/**
 * "A notice was created": the one place where delivery (channels: SMS, Telegram, e-mail) hears of new
 * notices. Hooks run inside the transaction that writes the notices, before it commits, on the same
 * EntityManager: whatever a hook persists (a delivery request per notice and channel) commits together
 * with the notice or not at all, so a crash can neither lose a delivery nor create one for a notice that
 * does not exist, and a redelivered event (no new notice) calls no hook.
 *
 * A hook must honour `deliverAfter` (quiet hours, digest time) and skip notices with `inDigest: true` (they
 * go out inside the DIGEST notice, which is announced here like any other).
 */
import type { EntityManager } from "@mikro-orm/core";
import type { Notification } from "../entities/index.js";

export type NoticeCreatedHook = (em: EntityManager, notices: readonly Notification[]) => Promise<void> | void;

/** The hooks of one notifications runtime (made in server.ts `createRuntime`, never module-level). */
export class NoticeHooks {
  private readonly created: NoticeCreatedHook[] = [];

  /** Adds a hook; call while the runtime is wired, before events flow. */
  onCreated(hook: NoticeCreatedHook): void {
    this.created.push(hook);
  }

  /** Runs every hook in order; a hook that throws rolls the notices back and the event is delivered again. */
  async noticesCreated(em: EntityManager, notices: readonly Notification[]): Promise<void> {
    if (notices.length === 0) return;
    for (const hook of this.created) await hook(em, notices);
  }
}
