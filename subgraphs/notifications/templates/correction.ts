/** Texts of DATA_CORRECTION notices: which fields were corrected, never their old or new value. */
import type { Locale } from "../../../shared/i18n/locale.js";
import type { NoticeText } from "./text.js";

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
