/** Accept-Language → the contract's Locale: region and script subtags, quality lists, odd spacing. */
import { describe, expect, it } from "vitest";
import { localeOfTag, parseAcceptLanguage } from "../../shared/i18n/locale.js";

describe("one language tag", () => {
  it.each([
    ["uz-Cyrl-UZ", "UZ_CYRL"],
    ["uz-cyrl-uz", "UZ_CYRL"],
    ["UZ-CYRL", "UZ_CYRL"],
    ["uz_Cyrl_UZ", "UZ_CYRL"],
    ["uz-Latn-UZ", "UZ_LATN"],
    ["uz-UZ", "UZ_LATN"],
    ["uz", "UZ_LATN"],
    ["ru-RU", "RU"],
    ["ru-UZ", "RU"],
    ["en-US", "EN"],
    ["en-GB", "EN"],
    ["fr-FR", undefined],
    ["cyrl", undefined],
    ["", undefined],
  ])("%j → %s", (tag, locale) => {
    expect(localeOfTag(tag)).toBe(locale);
  });
});

describe("Accept-Language header", () => {
  it.each([
    ["uz-Cyrl-UZ", "UZ_CYRL"],
    ["uz-Cyrl-UZ,uz;q=0.9", "UZ_CYRL"],
    ["ru-RU", "RU"],
    ["en-US", "EN"],
    ["en-US,en;q=0.9", "EN"],
    ["ru;q=0.9, uz-Cyrl;q=0.8", "RU"],
    ["uz-Cyrl;q=0.8, ru;q=0.9", "RU"],
    ["ru;q=0.8, uz-Cyrl-UZ;q=0.9", "UZ_CYRL"],
    ["uz-Latn;q=0.2, ru;q=0.8", "RU"],
    ["de-DE, fr;q=0.9, en-US;q=0.5", "EN"],
    ["fr-CH, fr;q=0.9, de;q=0.7, *;q=0.5", undefined],
    ["ru ; q=0.5 ,  en-US ; q = 0.7", "EN"],
    ["ru;Q=0.9, en;q=0.1", "RU"],
    ["en;q=0, ru", "RU"],
    ["en;q=nonsense, ru-RU;q=0.3", "RU"],
    ["uz-Cyrl, ru", "UZ_CYRL"],
    ["ru, uz-Cyrl", "RU"],
    ["", undefined],
    [undefined, undefined],
  ])("%j → %s", (header, locale) => {
    expect(parseAcceptLanguage(header)).toBe(locale);
  });
});
