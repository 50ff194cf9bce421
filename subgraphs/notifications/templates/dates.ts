/**
 * A day as a reader of each language writes it ("21-dekabr, 2026", "21 декабр, 2026", "21 декабря 2026 г."),
 * through Intl so the month names and their grammar are the platform's, not ours.
 */
import type { Locale } from "../../../shared/i18n/locale.js";

const TAGS: Record<Locale, string> = { UZ_LATN: "uz-Latn", UZ_CYRL: "uz-Cyrl", RU: "ru", EN: "en-GB" };

// The day is a calendar date, not an instant: formatted at UTC midnight in UTC it cannot slip by a zone.
const FORMATS = new Map(
  (Object.entries(TAGS) as Array<[Locale, string]>).map(([locale, tag]) => [
    locale,
    new Intl.DateTimeFormat(tag, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
  ]),
);

/** `2026-12-21` in the locale's usual long form; anything that is not an ISO day is returned as it came. */
export function dayText(locale: Locale, isoDay: string): string {
  const at = Date.parse(`${isoDay}T00:00:00Z`);
  return Number.isNaN(at) ? isoDay : FORMATS.get(locale)!.format(at);
}
