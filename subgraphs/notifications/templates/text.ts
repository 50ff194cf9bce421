/**
 * What every notice template shares. Events bring ids and facts only, so a text names no subject or
 * teacher; the child is named from the notifications subgraph's own replica of students' names, already
 * in the guardian's script. A template given no name (the replica does not know it yet) says "your child".
 */
import { LOCALES, type Locale } from "../../../shared/i18n/locale.js";

export interface NoticeText {
  title: string;
  body: string;
}

export const asLocale = (value: string): Locale => (LOCALES.includes(value as Locale) ? (value as Locale) : "UZ_LATN");

/** Several children of one guardian in one notice (twins in one class getting the same homework). */
export const joinNames = (names: readonly string[]): string => names.join(", ");

/** Ends a sentence once: a Russian date already ends in "г.". */
export const sentence = (text: string): string => (text.endsWith(".") ? text : `${text}.`);
