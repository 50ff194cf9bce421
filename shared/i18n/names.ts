import { wantsCyrillic, type Locale } from "./locale.js";
import { latinToCyrillic } from "./translit.js";

export interface LocalizedName {
  latn: string;
  cyrl?: string | null;
  ru?: string | null;
}

/** A stored name in the reader's script: Russian where one is stored for ru, Cyrillic (stored or transliterated) for uz-Cyrl. */
export function localName(name: LocalizedName, locale: Locale): string {
  if (locale === "RU" && name.ru) return name.ru;
  if (wantsCyrillic(locale)) return name.cyrl || latinToCyrillic(name.latn);
  return name.latn;
}
