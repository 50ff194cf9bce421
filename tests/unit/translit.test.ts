import { describe, expect, it } from "vitest";
import { latinToCyrillic } from "../../shared/i18n/translit.js";

describe("Uzbek Latin → Cyrillic", () => {
  it.each([
    ["Chilonzor 1-maktab", "Чилонзор 1-мактаб"],
    ["Toshkent shahri", "Тошкент шаҳри"],
    ["Ergash Yo‘ldoshev", "Эргаш Йўлдошев"],
    ["Shoira G'aniyeva", "Шоира Ғаниева"],
    ["Qo‘qon", "Қўқон"],
    ["O‘g‘iloy", "Ўғилой"],
    ["Yunusobod tumani", "Юнусобод тумани"],
  ])("%s → %s", (latin, cyrillic) => {
    expect(latinToCyrillic(latin)).toBe(cyrillic);
  });

  it("leaves digits and punctuation alone", () => {
    expect(latinToCyrillic("5-A, 11-V")).toBe("5-А, 11-В");
  });
});
