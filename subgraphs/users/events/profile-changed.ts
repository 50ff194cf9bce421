/**
 * `users.profile.changed`: a profile's locale, or a student's name, changed. Names are published for
 * students only: the one replica that needs a name (notifications, naming the child in a notice to its
 * guardians) needs no one else's.
 */
import type { Locale } from "../../../shared/i18n/locale.js";
import type { User } from "../entities/index.js";

export const PROFILE_CHANGED = "users.profile.changed";

export interface ProfileChanged {
  userId: string;
  locale: Locale;
  /** Students only. */
  fullNameLatn?: string;
  /** Students only: the stored Cyrillic spelling, null when it is a plain transliteration. */
  fullNameCyrl?: string | null;
}

export function profileChanged(user: Pick<User, "id" | "role" | "locale" | "fullName" | "fullNameCyrl">): ProfileChanged {
  const names = user.role === "STUDENT" && user.fullName ? { fullNameLatn: user.fullName, fullNameCyrl: user.fullNameCyrl ?? null } : {};
  return { userId: user.id, locale: user.locale, ...names };
}
