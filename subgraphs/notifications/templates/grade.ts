/** Texts of GRADE and TERM_MARK notices: the value and when, never the teacher's comment. */
import type { Locale } from "../../../shared/i18n/locale.js";
import { joinNames, type NoticeText } from "./text.js";

type GradeTemplate = (value: number, date: string, child: string) => NoticeText;

const GRADE: Record<Locale, GradeTemplate> = {
  UZ_LATN: (v, d, c) => ({
    title: `Yangi baho: ${v} (${d})`,
    body: c ? `Farzandingiz ${c} ${d} sanasida ${v} baho oldi.` : `Farzandingizga ${d} sanasida ${v} baho qo‘yildi.`,
  }),
  UZ_CYRL: (v, d, c) => ({
    title: `Янги баҳо: ${v} (${d})`,
    body: c ? `Фарзандингиз ${c} ${d} санасида ${v} баҳо олди.` : `Фарзандингизга ${d} санасида ${v} баҳо қўйилди.`,
  }),
  RU: (v, d, c) => ({
    title: `Новая оценка: ${v} (${d})`,
    body: c ? `Вашему ребёнку (${c}) поставлена оценка ${v} за ${d}.` : `Вашему ребёнку поставлена оценка ${v} за ${d}.`,
  }),
  EN: (v, d, c) => ({ title: `New grade: ${v} (${d})`, body: `${c || "Your child"} received a ${v} on ${d}.` }),
};

/** A term mark announced by the date of its lesson (journal.grade.recorded with a term kind). */
const TERM_MARK_ON: Record<Locale, GradeTemplate> = {
  UZ_LATN: (v, d, c) => ({
    title: `Chorak (yillik) baho: ${v} (${d})`,
    body: c
      ? `Farzandingiz ${c} ${d} sanasida ${v} chorak (yillik) baho oldi.`
      : `Farzandingizga ${d} sanasida ${v} chorak (yillik) baho qo‘yildi.`,
  }),
  UZ_CYRL: (v, d, c) => ({
    title: `Чорак (йиллик) баҳо: ${v} (${d})`,
    body: c
      ? `Фарзандингиз ${c} ${d} санасида ${v} чорак (йиллик) баҳо олди.`
      : `Фарзандингизга ${d} санасида ${v} чорак (йиллик) баҳо қўйилди.`,
  }),
  RU: (v, d, c) => ({
    title: `Итоговая оценка: ${v} (${d})`,
    body: c ? `Вашему ребёнку (${c}) выставлена итоговая оценка ${v} (${d}).` : `Вашему ребёнку выставлена итоговая оценка ${v} (${d}).`,
  }),
  EN: (v, d, c) => ({ title: `Term mark: ${v} (${d})`, body: `${c || "Your child"} received a term mark of ${v} (${d}).` }),
};

export function gradeText(locale: Locale, termMark: boolean, value: number, date: string, names: readonly string[] = []): NoticeText {
  return (termMark ? TERM_MARK_ON : GRADE)[locale](value, date, joinNames(names));
}

export const TERM_KINDS = ["QUARTER", "HALF_YEAR", "ANNUAL"] as const;
export type TermKind = (typeof TERM_KINDS)[number];

/** Which term a mark closes: a quarter or half-year by number; the year has none. */
export interface Term {
  kind: TermKind;
  number: number | null;
}

/** The mark's name in Uzbek ("2-chorak bahosi"), the term's as the object of "for" elsewhere (RU: "за 2-ю четверть"). */
const TERM_NAME: Record<Locale, (term: Term) => string> = {
  UZ_LATN: ({ kind, number: n }) =>
    kind === "ANNUAL" ? "yillik baho" : `${n ? `${n}-` : ""}${kind === "HALF_YEAR" ? "yarim yillik" : "chorak"} bahosi`,
  UZ_CYRL: ({ kind, number: n }) =>
    kind === "ANNUAL" ? "йиллик баҳо" : `${n ? `${n}-` : ""}${kind === "HALF_YEAR" ? "ярим йиллик" : "чорак"} баҳоси`,
  RU: ({ kind, number: n }) =>
    kind === "ANNUAL" ? "год" : kind === "HALF_YEAR" ? `${n ? `${n}-е ` : ""}полугодие` : `${n ? `${n}-ю ` : ""}четверть`,
  EN: ({ kind, number: n }) =>
    kind === "ANNUAL" ? "the year" : kind === "HALF_YEAR" ? `half-year${n ? ` ${n}` : ""}` : `quarter${n ? ` ${n}` : ""}`,
};

const capitalised = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

const TERM_MARK: Record<Locale, (value: number, term: string, child: string) => NoticeText> = {
  UZ_LATN: (v, t, c) => ({ title: `${capitalised(t)}: ${v}`, body: `Farzandingiz${c ? ` ${c}` : ""} uchun ${t} qo‘yildi: ${v}.` }),
  UZ_CYRL: (v, t, c) => ({ title: `${capitalised(t)}: ${v}`, body: `Фарзандингиз${c ? ` ${c}` : ""} учун ${t} қўйилди: ${v}.` }),
  RU: (v, t, c) => ({ title: `Оценка за ${t}: ${v}`, body: `Вашему ребёнку${c ? ` (${c})` : ""} выставлена оценка за ${t}: ${v}.` }),
  EN: (v, t, c) => ({ title: `Mark for ${t}: ${v}`, body: `${c || "Your child"} received a mark of ${v} for ${t}.` }),
};

/** A quarter, half-year or annual mark (journal.term-mark.set). */
export function termMarkText(locale: Locale, term: Term, value: number, names: readonly string[] = []): NoticeText {
  return TERM_MARK[locale](value, TERM_NAME[locale](term), joinNames(names));
}
