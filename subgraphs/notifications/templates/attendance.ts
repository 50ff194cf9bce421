/**
 * Texts of ABSENCE and LATE notices. No health matter: there is deliberately no text for an absence
 * through illness (the journal publishes it as an excused absence), so a notice cannot disclose one, and
 * the reason a teacher wrote never reaches this subgraph.
 */
import type { Locale } from "../../../shared/i18n/locale.js";
import { dayText } from "./dates.js";
import { joinNames, type NoticeText } from "./text.js";

export const ABSENCE_STATUSES = ["ABSENT_UNEXCUSED", "ABSENT_EXCUSED", "LATE"] as const;
export type AbsenceStatus = (typeof ABSENCE_STATUSES)[number];

const ATTENDANCE: Record<Locale, Record<AbsenceStatus, string>> = {
  UZ_LATN: {
    ABSENT_UNEXCUSED: "Darsga sababsiz kelmadi",
    ABSENT_EXCUSED: "Darsga sababli kelmadi",
    LATE: "Darsga kechikdi",
  },
  UZ_CYRL: {
    ABSENT_UNEXCUSED: "Дарсга сабабсиз келмади",
    ABSENT_EXCUSED: "Дарсга сабабли келмади",
    LATE: "Дарсга кечикди",
  },
  RU: {
    ABSENT_UNEXCUSED: "Пропуск урока без уважительной причины",
    ABSENT_EXCUSED: "Пропуск урока по уважительной причине",
    LATE: "Опоздание на урок",
  },
  EN: {
    ABSENT_UNEXCUSED: "Unexcused absence from a lesson",
    ABSENT_EXCUSED: "Excused absence from a lesson",
    LATE: "Late for a lesson",
  },
};

const BODY: Record<Locale, (what: string, date: string, child: string) => string> = {
  UZ_LATN: (w, d, c) => `${d}: farzandingiz${c ? ` ${c}` : ""} — ${w.toLowerCase()}.`,
  UZ_CYRL: (w, d, c) => `${d}: фарзандингиз${c ? ` ${c}` : ""} — ${w.toLowerCase()}.`,
  RU: (w, d, c) => `${d}: ваш ребёнок${c ? ` (${c})` : ""} — ${w.toLowerCase()}.`,
  EN: (w, d, c) => `${d}: ${c || "your child"} — ${w.toLowerCase()}.`,
};

export function attendanceText(locale: Locale, status: AbsenceStatus, date: string, names: readonly string[] = []): NoticeText {
  const what = ATTENDANCE[locale][status];
  const day = dayText(locale, date);
  return { title: `${what} (${day})`, body: BODY[locale](what, day, joinNames(names)) };
}
