/**
 * A guardian's notice preferences as the pipeline reads them: the daily digest and the language of
 * notices. The preferences feature (its mutation and query) writes them through this function, inside its
 * own transaction, so the read-model and the preference never disagree.
 */
import type { EntityManager } from "@mikro-orm/core";
import type { Locale } from "../../../shared/i18n/locale.js";
import { GuardianLink, type Guardian } from "../entities/index.js";
import { guardianRow, noticeLocale } from "./read-model.js";

export interface NoticePreferences {
  /** One daily digest instead of each non-urgent notice on its own. */
  digest?: boolean;
  /** The language of notices; null goes back to the profile's. */
  language?: Locale | null;
}

export async function applyNoticePreferences(em: EntityManager, guardianId: string, preferences: NoticePreferences): Promise<Guardian> {
  const guardian = await guardianRow(em, guardianId);
  if (preferences.digest !== undefined) guardian.digest = preferences.digest;
  if (preferences.language !== undefined) {
    guardian.language = preferences.language;
    await em.nativeUpdate(GuardianLink, { guardianId }, { locale: noticeLocale(guardian) });
  }
  return guardian;
}
