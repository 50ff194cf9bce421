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
        gradeText(locale, { subject: "", kind: "CURRENT", date: "2026-11-20" }, { what: "GIVEN", value: 5 }),
        gradeText(locale, { subject: "Matematika", kind: "INTERMEDIATE", date: "2026-11-20" }, { what: "GIVEN", value: 4 }, [
          "Karimov Aziz",
        ]),
        gradeText(locale, { subject: "Matematika", kind: "CURRENT", date: "2026-11-20" }, { what: "CORRECTED", from: 5, to: 3 }, [
          "Karimov Aziz",
        ]),
        gradeText(locale, { subject: "Matematika", kind: "QUARTER", date: "2026-11-20" }, { what: "REMOVED", value: 2 }),
        termMarkText(locale, { kind: "QUARTER", number: 2 }, 5, ["Karimov Aziz"], "Fizika"),
        termMarkText(locale, { kind: "HALF_YEAR", number: 1 }, 4),
        termMarkText(locale, { kind: "ANNUAL", number: null }, 4),
        homeworkText(locale, "2026-11-21", ["Karimov Aziz", "Karimova Zarina"], "Ona tili"),
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

describe("notices say what happened", () => {
  const about = { subject: "Matematika", kind: "CURRENT" as const, date: "2026-12-21" };

  it("name the subject, the kind of mark and the day in each language's own date format", () => {
    expect(gradeText("UZ_LATN", about, { what: "GIVEN", value: 5 }, ["Karimov Aziz"])).toEqual({
      title: "Matematika: yangi baho 5",
      body: "Farzandingiz Karimov Aziz 21-dekabr, 2026 kungi Matematika darsda 5 oldi (joriy baho).",
    });
    expect(gradeText("UZ_CYRL", { ...about, subject: "Математика" }, { what: "GIVEN", value: 5 }).body).toContain("21 декабр, 2026");
    expect(gradeText("RU", { ...about, subject: "Математика" }, { what: "GIVEN", value: 5 }, ["Каримов Азиз"])).toEqual({
      title: "Математика: новая оценка 5",
      body: "Вашему ребёнку (Каримов Азиз) поставлена оценка 5 (текущая оценка) по предмету «Математика» за урок 21 декабря 2026 г.",
    });
  });

  it("say a correction with both values, and a removal with the value removed", () => {
    const corrected = gradeText("RU", { ...about, subject: "Математика" }, { what: "CORRECTED", from: 5, to: 3 });
    expect(corrected.title).toBe("Математика: оценка исправлена с 5 на 3");
    expect(gradeText("UZ_LATN", about, { what: "CORRECTED", from: 5, to: 3 }).title).toBe("Matematika: baho 5 dan 3 ga tuzatildi");
    const removed = gradeText("UZ_CYRL", { ...about, subject: "Математика" }, { what: "REMOVED", value: 2 });
    expect(removed.title).toBe("Математика: баҳо олиб ташланди");
    expect(removed.body).toContain("2 баҳоси (жорий баҳо) олиб ташланди");
  });
});
