import type { BaseContext } from "../../shared/context.js";
import type { OutboxRelay } from "../../shared/events/outbox.js";
import { createJournalLoaders, type JournalLoaders } from "./loaders/index.js";

/** Process-wide collaborators a request may use (never request state). */
export interface JournalServices {
  /** Kicked after a commit that wrote outbox events. */
  relay: OutboxRelay;
  /** Report groups of fewer students come back suppressed (MIN_CELL_SIZE). */
  minCellSize: number;
  /** LOCK_DAYS_AFTER_TERM: days a term stays open to its teachers after it ends (see locks.ts). */
  lockDaysAfterTerm: number;
  /** SUBSTITUTE_DAYS: how long after the lesson's day a substitute keeps their rights over it. */
  substituteDays: number;
}

export interface JournalContext extends BaseContext {
  loaders: JournalLoaders;
  services: JournalServices;
}

export const journalContext =
  (services: JournalServices) =>
  (base: BaseContext): JournalContext => ({ ...base, loaders: createJournalLoaders(base.em), services });
