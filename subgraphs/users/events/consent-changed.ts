/**
 * `users.consent.changed`: a consent was given or withdrawn. Ids and facts only; consumers keep their own
 * copy of the topic string (notifications stops notices to a parent who withdrew PARENT_NOTIFICATIONS).
 */
import type { ConsentKind } from "../entities/index.js";

export const CONSENT_CHANGED = "users.consent.changed";

export interface ConsentChanged {
  subjectId: string;
  kind: ConsentKind;
  version: string;
  /** true: given (or given again); false: withdrawn. */
  given: boolean;
  /** Who gave or withdrew it: the person, or their guardian for a minor. */
  givenBy: string;
  /** ISO-8601 instant of the change; consumers ignore a change older than the last one they applied. */
  at: string;
}
