/**
 * `users.guardianship.changed`: a parent or legal representative was linked to a student or unlinked.
 * Ids and facts only. The guardian's locale and consent to notices at that moment ride along, so a
 * consumer meeting this guardian for the first time starts from the right state (notifications).
 */
import type { Locale } from "../../../shared/i18n/locale.js";

export const GUARDIANSHIP_CHANGED = "users.guardianship.changed";

export interface GuardianshipChanged {
  guardianshipId: string;
  studentId: string;
  guardianId: string;
  linked: boolean;
  relation: string;
  locale: Locale;
  /** PARENT_NOTIFICATIONS in force now. */
  notify: boolean;
  /** ISO-8601 instant of the last change of that consent; null if never given. */
  consentChangedAt: string | null;
}
