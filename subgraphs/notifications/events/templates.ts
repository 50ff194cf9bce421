/**
 * Notice texts in each guardian's language. Ids only reach us, so the texts name no subject or teacher.
 * Nor any health matter: there is deliberately no text for an absence through illness (the journal
 * publishes it as an excused absence), so a notice cannot disclose one.
 */
import type { Locale } from "../../../shared/i18n/locale.js";
import { LOCALES } from "../../../shared/i18n/locale.js";

export interface NoticeText {
  title: string;
  body: string;
}

export const asLocale = (value: string): Locale => (LOCALES.includes(value as Locale) ? (value as Locale) : "UZ_LATN");

const GRADE: Record<Locale, (value: number, date: string) => NoticeText> = {
  UZ_LATN: (v, d) => ({ title: `Yangi baho: ${v} (${d})`, body: `Farzandingizga ${d} sanasida ${v} baho qo‘yildi.` }),
  UZ_CYRL: (v, d) => ({ title: `Янги баҳо: ${v} (${d})`, body: `Фарзандингизга ${d} санасида ${v} баҳо қўйилди.` }),
  RU: (v, d) => ({ title: `Новая оценка: ${v} (${d})`, body: `Вашему ребёнку поставлена оценка ${v} за ${d}.` }),
  EN: (v, d) => ({ title: `New grade: ${v} (${d})`, body: `Your child received a ${v} on ${d}.` }),
};

const TERM_MARK: Record<Locale, (value: number, date: string) => NoticeText> = {
  UZ_LATN: (v, d) => ({
    title: `Chorak (yillik) baho: ${v} (${d})`,
    body: `Farzandingizga ${d} sanasida ${v} chorak (yillik) baho qo‘yildi.`,
  }),
  UZ_CYRL: (v, d) => ({
    title: `Чорак (йиллик) баҳо: ${v} (${d})`,
    body: `Фарзандингизга ${d} санасида ${v} чорак (йиллик) баҳо қўйилди.`,
  }),
  RU: (v, d) => ({ title: `Итоговая оценка: ${v} (${d})`, body: `Вашему ребёнку выставлена итоговая оценка ${v} (${d}).` }),
  EN: (v, d) => ({ title: `Term mark: ${v} (${d})`, body: `Your child received a term mark of ${v} (${d}).` }),
};

export const ABSENCE_STATUSES = ["ABSENT_UNEXCUSED", "ABSENT_EXCUSED", "LATE"] as const;
type AbsenceStatus = (typeof ABSENCE_STATUSES)[number];

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

const ATTENDANCE_BODY: Record<Locale, (what: string, date: string) => string> = {
  UZ_LATN: (w, d) => `${d}: farzandingiz — ${w.toLowerCase()}.`,
  UZ_CYRL: (w, d) => `${d}: фарзандингиз — ${w.toLowerCase()}.`,
  RU: (w, d) => `${d}: ваш ребёнок — ${w.toLowerCase()}.`,
  EN: (w, d) => `${d}: your child — ${w.toLowerCase()}.`,
};

export function gradeText(locale: Locale, termMark: boolean, value: number, date: string): NoticeText {
  return (termMark ? TERM_MARK : GRADE)[locale](value, date);
}

export function attendanceText(locale: Locale, status: AbsenceStatus, date: string): NoticeText {
  const what = ATTENDANCE[locale][status];
  return { title: `${what} (${date})`, body: ATTENDANCE_BODY[locale](what, date) };
}

export type { AbsenceStatus };

/** What a corrected field is called in a notice; the notice names the field, never its old or new value. */
const FIELD_LABELS: Record<string, Record<Locale, string>> = {
  "User.fullName": { UZ_LATN: "familiya, ism, otasining ismi", UZ_CYRL: "фамилия, исм, отасининг исми", RU: "ФИО", EN: "full name" },
  "User.birthDate": { UZ_LATN: "tug‘ilgan sana", UZ_CYRL: "туғилган сана", RU: "дата рождения", EN: "date of birth" },
  "User.phone": { UZ_LATN: "telefon raqami", UZ_CYRL: "телефон рақами", RU: "номер телефона", EN: "phone number" },
  "User.email": {
    UZ_LATN: "elektron pochta manzili",
    UZ_CYRL: "электрон почта манзили",
    RU: "адрес электронной почты",
    EN: "e-mail address",
  },
  "User.pinfl": { UZ_LATN: "JShShIR", UZ_CYRL: "ЖШШИР", RU: "ПИНФЛ", EN: "personal identification number (PINFL)" },
  "User.address": { UZ_LATN: "yashash manzili", UZ_CYRL: "яшаш манзили", RU: "адрес проживания", EN: "home address" },
  "User.gender": { UZ_LATN: "jinsi", UZ_CYRL: "жинси", RU: "пол", EN: "gender" },
};

const CORRECTION: Record<Locale, (fields: string) => NoticeText> = {
  UZ_LATN: (f) => ({
    title: "Shaxsiy ma’lumot tuzatildi",
    body: `Sizga avval berilgan shaxsiy ma’lumot tuzatildi: ${f}. Eski qiymatdan endi foydalanmang.`,
  }),
  UZ_CYRL: (f) => ({
    title: "Шахсий маълумот тузатилди",
    body: `Сизга аввал берилган шахсий маълумот тузатилди: ${f}. Эски қийматдан энди фойдаланманг.`,
  }),
  RU: (f) => ({
    title: "Персональные данные исправлены",
    body: `Ранее предоставленные вам персональные данные исправлены: ${f}. Не используйте прежнее значение.`,
  }),
  EN: (f) => ({
    title: "Personal data corrected",
    body: `Personal data you received earlier has been corrected: ${f}. Please stop using the old value.`,
  }),
};

/** A DATA_CORRECTION notice: which fields of the person it links to were corrected (the person is the notice's `student`). */
export function correctionText(locale: Locale, fields: readonly string[]): NoticeText {
  const labels = fields.map((field) => FIELD_LABELS[field]?.[locale] ?? field);
  return CORRECTION[locale](labels.join(", "));
}
