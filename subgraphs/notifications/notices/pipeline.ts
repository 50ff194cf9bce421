/** What the notice-writing code of one notifications runtime shares: timing settings, the clock, the hooks. */
import type { NoticeTiming } from "../../../shared/config.js";
import { NoticeHooks } from "./created-hook.js";
import { now as clockNow } from "../../../shared/clock.js";

export interface NoticePipeline {
  timing: NoticeTiming;
  /** The clock (tests set it to put a notice inside or outside quiet hours). */
  now: () => Date;
  hooks: NoticeHooks;
}

export const noticePipeline = (timing: NoticeTiming, now: () => Date = () => clockNow()): NoticePipeline => ({
  timing,
  now,
  hooks: new NoticeHooks(),
});
