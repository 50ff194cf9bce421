/**
 * The notice templates cannot say "illness": whatever a guardian's language and whatever absence, no text
 * names a health matter, and an absence through illness has no template of its own at all.
 */
import { describe, expect, it } from "vitest";
import { LOCALES } from "../../shared/i18n/locale.js";
import { ABSENCE_STATUSES, attendanceText } from "../../subgraphs/notifications/templates/attendance.js";
import { gradeText, termMarkText } from "../../subgraphs/notifications/templates/grade.js";
import { homeworkText } from "../../subgraphs/notifications/templates/homework.js";
import { MESSAGE_TOPICS, messageText } from "../../subgraphs/notifications/templates/message.js";
import { healthWordsIn } from "../fixtures/health-words.js";

describe("notice templates", () => {
  it("know only ordinary absences: no status of health", () => {
    expect([...ABSENCE_STATUSES].sort()).toEqual(["ABSENT_EXCUSED", "ABSENT_UNEXCUSED", "LATE"]);
  });

  it("contain no health word in any language, for any absence or mark", () => {
    for (const locale of LOCALES) {
      const texts = [
        ...ABSENCE_STATUSES.map((status) => attendanceText(locale, status, "2026-11-20")),
        ...ABSENCE_STATUSES.map((status) => attendanceText(locale, status, "2026-11-20", ["Karimov Aziz"])),
        gradeText(locale, false, 5, "2026-11-20"),
        gradeText(locale, true, 4, "2026-11-20", ["Karimov Aziz"]),
        termMarkText(locale, { kind: "QUARTER", number: 2 }, 5, ["Karimov Aziz"]),
        termMarkText(locale, { kind: "HALF_YEAR", number: 1 }, 4),
        termMarkText(locale, { kind: "ANNUAL", number: null }, 4),
        homeworkText(locale, "2026-11-21", ["Karimov Aziz", "Karimova Zarina"]),
        ...MESSAGE_TOPICS.map((topic) => messageText(locale, topic, "", ["Karimov Aziz"])),
      ];
      for (const { title, body } of texts) expect(healthWordsIn(`${title} ${body}`), `${locale}: ${title}`).toEqual([]);
    }
  });

  it("the word list does catch what the old templates said (the check is not vacuous)", () => {
    for (const said of [
      "Absent from a lesson through illness",
      "Отсутствие на уроке по болезни",
      "Kasalligi sababli darsda bo‘lmadi",
      "Касаллиги сабабли дарсда бўлмади",
    ]) {
      expect(healthWordsIn(said), said).not.toEqual([]);
    }
  });
});
