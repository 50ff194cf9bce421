/** The four interface languages of the contract's `Locale` enum. */
export const LOCALES = ["UZ_LATN", "UZ_CYRL", "RU", "EN"] as const;
export type Locale = (typeof LOCALES)[number];

const TAGS: Record<string, Locale> = {
  "uz-latn": "UZ_LATN",
  uz: "UZ_LATN",
  "uz-cyrl": "UZ_CYRL",
  ru: "RU",
  en: "EN",
};

/**
 * Picks the first supported language of an Accept-Language header (quality values respected),
 * or `undefined` when none is supported, so the caller's own locale can apply.
 */
export function parseAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: (tag ?? "").toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.tag && !Number.isNaN(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const exact = TAGS[tag];
    if (exact) return exact;
    const primary = TAGS[tag.split("-")[0] ?? ""];
    if (primary) return primary;
  }
  return undefined;
}

/** Whether names should be shown in Cyrillic for this locale (uz-Cyrl and ru readers). */
export const wantsCyrillic = (locale: Locale): boolean => locale === "UZ_CYRL" || locale === "RU";
