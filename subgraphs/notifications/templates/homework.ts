/** Texts of HOMEWORK notices: that there is homework and when it is due; the task itself is read in the journal. */
import type { Locale } from "../../../shared/i18n/locale.js";
import { joinNames, type NoticeText } from "./text.js";

const HOMEWORK: Record<Locale, (due: string, child: string) => NoticeText> = {
  UZ_LATN: (d, c) => ({
    title: `Yangi uy vazifasi (${d} gacha)`,
    body: `Farzandingiz${c ? ` ${c}` : ""} uchun yangi uy vazifasi, topshirish muddati ${d}. Vazifa matni elektron jurnalda.`,
  }),
  UZ_CYRL: (d, c) => ({
    title: `Янги уй вазифаси (${d} гача)`,
    body: `Фарзандингиз${c ? ` ${c}` : ""} учун янги уй вазифаси, топшириш муддати ${d}. Вазифа матни электрон журналда.`,
  }),
  RU: (d, c) => ({
    title: `Новое домашнее задание (до ${d})`,
    body: `Новое домашнее задание для вашего ребёнка${c ? ` (${c})` : ""}, срок сдачи ${d}. Текст задания — в электронном журнале.`,
  }),
  EN: (d, c) => ({
    title: `New homework (due ${d})`,
    body: `New homework for ${c || "your child"}, due ${d}. The task is in the journal.`,
  }),
};

export function homeworkText(locale: Locale, dueOn: string, names: readonly string[] = []): NoticeText {
  return HOMEWORK[locale](dueOn, joinNames(names));
}
