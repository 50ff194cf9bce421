/**
 * The text of a DIGEST notice: the day's notices of one guardian, by child, each by its title (titles
 * already carry no sensitive value and are in the guardian's language, as the notices were written).
 */
import type { Locale } from "../../../shared/i18n/locale.js";
import { dayText } from "./dates.js";
import type { NoticeText } from "./text.js";

export interface DigestEntry {
  /** The child's name in the guardian's script; empty when the replica does not know it. */
  child: string;
  title: string;
}

const TITLE: Record<Locale, (count: number, day: string) => string> = {
  UZ_LATN: (n, d) => `Kunlik xabarlar (${d}): ${n} ta`,
  UZ_CYRL: (n, d) => `Кунлик хабарлар (${d}): ${n} та`,
  RU: (n, d) => `Уведомления за день (${d}): ${n}`,
  EN: (n, d) => `Daily digest (${d}): ${n} notice${n === 1 ? "" : "s"}`,
};

const YOUR_CHILD: Record<Locale, string> = { UZ_LATN: "Farzandingiz", UZ_CYRL: "Фарзандингиз", RU: "Ваш ребёнок", EN: "Your child" };

/** One line per notice under its child's name, children in the order they first appear. */
export function digestText(locale: Locale, day: string, entries: readonly DigestEntry[]): NoticeText {
  const byChild = new Map<string, string[]>();
  for (const { child, title } of entries) byChild.set(child, [...(byChild.get(child) ?? []), title]);
  const body = [...byChild]
    .map(([child, titles]) => [`${child || YOUR_CHILD[locale]}:`, ...titles.map((t) => `– ${t}`)].join("\n"))
    .join("\n\n");
  return { title: TITLE[locale](entries.length, dayText(locale, day)), body };
}
