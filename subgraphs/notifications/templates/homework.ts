/** Texts of HOMEWORK notices: that there is homework in which subject and when it is due; the task itself is read in the journal. */
import type { Locale } from "../../../shared/i18n/locale.js";
import { dayText } from "./dates.js";
import { joinNames, sentence, type NoticeText } from "./text.js";

const HOMEWORK: Record<Locale, (due: string, subject: string, child: string) => NoticeText> = {
  UZ_LATN: (d, s, c) => ({
    title: `${s ? `${s}: y` : "Y"}angi uy vazifasi (${d} gacha)`,
    body: `Farzandingiz${c ? ` ${c}` : ""} uchun ${s ? `${s} fanidan ` : ""}yangi uy vazifasi, topshirish muddati ${d}. Vazifa matni elektron jurnalda.`,
  }),
  UZ_CYRL: (d, s, c) => ({
    title: `${s ? `${s}: я` : "Я"}нги уй вазифаси (${d} гача)`,
    body: `Фарзандингиз${c ? ` ${c}` : ""} учун ${s ? `${s} фанидан ` : ""}янги уй вазифаси, топшириш муддати ${d}. Вазифа матни электрон журналда.`,
  }),
  RU: (d, s, c) => ({
    title: `${s ? `${s}: н` : "Н"}овое домашнее задание (до ${d})`,
    body: `Новое домашнее задание${s ? ` по предмету «${s}»` : ""} для вашего ребёнка${c ? ` (${c})` : ""}, ${sentence(`срок сдачи ${d}`)} Текст задания — в электронном журнале.`,
  }),
  EN: (d, s, c) => ({
    title: `${s ? `${s}: n` : "N"}ew homework (due ${d})`,
    body: `New homework${s ? ` in ${s}` : ""} for ${c || "your child"}, due ${d}. The task is in the journal.`,
  }),
};

/** `subject` in the guardian's language, "" when unknown. */
export function homeworkText(locale: Locale, dueOn: string, names: readonly string[] = [], subject = ""): NoticeText {
  return HOMEWORK[locale](dayText(locale, dueOn), subject, joinNames(names));
}
