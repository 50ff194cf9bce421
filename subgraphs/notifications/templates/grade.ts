/**
 * Texts of GRADE and TERM_MARK notices: what happened to which mark (given, corrected from one value to
 * another, removed), in which subject, of which kind and on which day; never the teacher's comment.
 */
import type { Locale } from "../../../shared/i18n/locale.js";
import { dayText } from "./dates.js";
import { joinNames, sentence, type NoticeText } from "./text.js";

export const LESSON_MARK_KINDS = ["CURRENT", "INTERMEDIATE", "QUARTER", "ANNUAL"] as const;
export type LessonMarkKind = (typeof LESSON_MARK_KINDS)[number];

/** Which mark a notice is about: the subject's name in the guardian's language ("" when unknown), its kind, its lesson day. */
export interface MarkAbout {
  subject: string;
  kind: LessonMarkKind;
  date: string;
}

/** What happened to it. */
export type MarkChange =
  { what: "GIVEN"; value: number } | { what: "CORRECTED"; from: number; to: number } | { what: "REMOVED"; value: number };

const KIND_NAME: Record<Locale, Record<LessonMarkKind, string>> = {
  UZ_LATN: { CURRENT: "joriy baho", INTERMEDIATE: "oraliq nazorat", QUARTER: "chorak bahosi", ANNUAL: "yillik baho" },
  UZ_CYRL: { CURRENT: "жорий баҳо", INTERMEDIATE: "оралиқ назорат", QUARTER: "чорак баҳоси", ANNUAL: "йиллик баҳо" },
  RU: { CURRENT: "текущая оценка", INTERMEDIATE: "промежуточный контроль", QUARTER: "оценка за четверть", ANNUAL: "годовая оценка" },
  EN: { CURRENT: "current mark", INTERMEDIATE: "intermediate assessment", QUARTER: "term mark", ANNUAL: "annual mark" },
};

interface Parts {
  /** "Matematika: " or "" (title prefix). */
  head: string;
  /** The lesson, with its subject when known: "21-dekabr, 2026 kungi Matematika darsi". */
  lesson: string;
  kind: string;
  child: string;
}

type Template = (change: MarkChange, p: Parts) => NoticeText;

const capitalised = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

const LESSON_MARK: Record<Locale, Template> = {
  UZ_LATN: (c, p) => {
    const who = p.child ? `Farzandingiz ${p.child}` : "Farzandingiz";
    switch (c.what) {
      case "GIVEN":
        return { title: `${p.head}yangi baho ${c.value}`, body: `${who} ${p.lesson}da ${c.value} oldi (${p.kind}).` };
      case "CORRECTED":
        return {
          title: `${p.head}baho ${c.from} dan ${c.to} ga tuzatildi`,
          body: `${who}ning ${p.lesson}dagi bahosi (${p.kind}) ${c.from} dan ${c.to} ga tuzatildi.`,
        };
      case "REMOVED":
        return { title: `${p.head}baho olib tashlandi`, body: `${who}ning ${p.lesson}dagi ${c.value} bahosi (${p.kind}) olib tashlandi.` };
    }
  },
  UZ_CYRL: (c, p) => {
    const who = p.child ? `Фарзандингиз ${p.child}` : "Фарзандингиз";
    switch (c.what) {
      case "GIVEN":
        return { title: `${p.head}янги баҳо ${c.value}`, body: `${who} ${p.lesson}да ${c.value} олди (${p.kind}).` };
      case "CORRECTED":
        return {
          title: `${p.head}баҳо ${c.from} дан ${c.to} га тузатилди`,
          body: `${who}нинг ${p.lesson}даги баҳоси (${p.kind}) ${c.from} дан ${c.to} га тузатилди.`,
        };
      case "REMOVED":
        return { title: `${p.head}баҳо олиб ташланди`, body: `${who}нинг ${p.lesson}даги ${c.value} баҳоси (${p.kind}) олиб ташланди.` };
    }
  },
  RU: (c, p) => {
    const of = p.child ? `вашего ребёнка (${p.child})` : "вашего ребёнка";
    switch (c.what) {
      case "GIVEN":
        return {
          title: `${p.head}новая оценка ${c.value}`,
          body: sentence(`Вашему ребёнку${p.child ? ` (${p.child})` : ""} поставлена оценка ${c.value} (${p.kind}) ${p.lesson}`),
        };
      case "CORRECTED":
        return {
          title: `${p.head}оценка исправлена с ${c.from} на ${c.to}`,
          body: `Оценка ${of} (${p.kind}) ${p.lesson} исправлена с ${c.from} на ${c.to}.`,
        };
      case "REMOVED":
        return { title: `${p.head}оценка удалена`, body: `Оценка ${c.value} ${of} (${p.kind}) ${p.lesson} удалена.` };
    }
  },
  EN: (c, p) => {
    const who = p.child || "your child";
    switch (c.what) {
      case "GIVEN":
        return { title: `${p.head}new mark ${c.value}`, body: `${who} received a ${c.value} (${p.kind}) ${p.lesson}.` };
      case "CORRECTED":
        return {
          title: `${p.head}mark corrected from ${c.from} to ${c.to}`,
          body: `The ${p.kind} of ${who} ${p.lesson} was corrected from ${c.from} to ${c.to}.`,
        };
      case "REMOVED":
        return { title: `${p.head}mark removed`, body: `The ${c.value} (${p.kind}) of ${who} ${p.lesson} was removed.` };
    }
  },
};

/** "the lesson of <day>", in each language's word order, with the subject when it is known. */
const LESSON: Record<Locale, (day: string, subject: string) => string> = {
  UZ_LATN: (d, s) => `${d} kungi ${s ? `${s} ` : ""}dars`,
  UZ_CYRL: (d, s) => `${d} кунги ${s ? `${s} ` : ""}дарс`,
  RU: (d, s) => `${s ? `по предмету «${s}» ` : ""}за урок ${d}`,
  EN: (d, s) => `${s ? `in ${s} ` : ""}on ${d}`,
};

/** A notice about one mark of a lesson (or a term mark announced by its day): given, corrected or removed. */
export function gradeText(locale: Locale, about: MarkAbout, change: MarkChange, names: readonly string[] = []): NoticeText {
  const { title, body } = LESSON_MARK[locale](change, {
    head: about.subject ? `${about.subject}: ` : "",
    lesson: LESSON[locale](dayText(locale, about.date), about.subject),
    kind: KIND_NAME[locale][about.kind],
    child: joinNames(names),
  });
  // Without a subject the title starts with what happened.
  return { title: capitalised(title), body };
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

const TERM_MARK: Record<Locale, (value: number, term: string, subject: string, child: string) => NoticeText> = {
  UZ_LATN: (v, t, s, c) => ({
    title: `${s ? `${s}, ${t}` : capitalised(t)}: ${v}`,
    body: `Farzandingiz${c ? ` ${c}` : ""} uchun ${s ? `${s} fanidan ` : ""}${t} qo‘yildi: ${v}.`,
  }),
  UZ_CYRL: (v, t, s, c) => ({
    title: `${s ? `${s}, ${t}` : capitalised(t)}: ${v}`,
    body: `Фарзандингиз${c ? ` ${c}` : ""} учун ${s ? `${s} фанидан ` : ""}${t} қўйилди: ${v}.`,
  }),
  RU: (v, t, s, c) => ({
    title: `${s ? `${s}, о` : "О"}ценка за ${t}: ${v}`,
    body: `Вашему ребёнку${c ? ` (${c})` : ""} выставлена оценка за ${t}${s ? ` по предмету «${s}»` : ""}: ${v}.`,
  }),
  EN: (v, t, s, c) => ({
    title: `${s ? `${s}, m` : "M"}ark for ${t}: ${v}`,
    body: `${c || "Your child"} received a mark of ${v} for ${t}${s ? ` in ${s}` : ""}.`,
  }),
};

/** A quarter, half-year or annual mark (journal.term-mark.set); `subject` in the guardian's language, "" when unknown. */
export function termMarkText(locale: Locale, term: Term, value: number, names: readonly string[] = [], subject = ""): NoticeText {
  return TERM_MARK[locale](value, TERM_NAME[locale](term), subject, joinNames(names));
}
