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
 * The locale of one language tag, RFC 4647 "lookup" style: the whole tag, then with its last subtag
 * dropped, and so on (`uz-Cyrl-UZ` → `uz-cyrl`, `ru-RU` → `ru`, `uz-UZ` → `uz`). Case does not matter.
 */
export function localeOfTag(tag: string): Locale | undefined {
  const subtags = tag.trim().toLowerCase().replace(/_/g, "-").split("-").filter(Boolean);
  for (let length = subtags.length; length > 0; length--) {
    const locale = TAGS[subtags.slice(0, length).join("-")];
    if (locale) return locale;
  }
  return undefined;
}

/**
 * Picks the supported language the client ranks highest in an Accept-Language header (quality values
 * respected, ties in header order), or `undefined` when none is supported, so the caller's own locale can apply.
 */
export function parseAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.split(";").map((p) => p.trim());
      const q = params.find((p) => /^q\s*=/i.test(p));
      return { tag: tag ?? "", q: q ? Number(q.replace(/^q\s*=\s*/i, "")) : 1, index };
    })
    .filter((entry) => entry.tag && entry.tag !== "*" && Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const locale = localeOfTag(tag);
    if (locale) return locale;
  }
  return undefined;
}

/** Whether names should be shown in Cyrillic for this locale (uz-Cyrl and ru readers). */
export const wantsCyrillic = (locale: Locale): boolean => locale === "UZ_CYRL" || locale === "RU";
