/**
 * Texts of MESSAGE notices: a teacher writing to a student's parents. The teacher's words are the notice's
 * point, so they are passed on as written (the journal's message rules keep them short); the topic, a code,
 * is named in the guardian's language.
 */
import type { Locale } from "../../../shared/i18n/locale.js";
import { joinNames, type NoticeText } from "./text.js";

export const MESSAGE_TOPICS = ["BEHAVIOUR", "MEETING", "PROGRESS", "OTHER"] as const;
export type MessageTopic = (typeof MESSAGE_TOPICS)[number];

/** The longest teacher's text a notice carries; a longer one is cut (the journal keeps the whole message). */
export const MESSAGE_TEXT_MAX = 2000;

const TITLE: Record<Locale, Record<MessageTopic, string>> = {
  UZ_LATN: {
    BEHAVIOUR: "O‘qituvchidan xabar: xulq-atvor",
    MEETING: "O‘qituvchidan xabar: uchrashuv",
    PROGRESS: "O‘qituvchidan xabar: o‘zlashtirish",
    OTHER: "O‘qituvchidan xabar",
  },
  UZ_CYRL: {
    BEHAVIOUR: "Ўқитувчидан хабар: хулқ-атвор",
    MEETING: "Ўқитувчидан хабар: учрашув",
    PROGRESS: "Ўқитувчидан хабар: ўзлаштириш",
    OTHER: "Ўқитувчидан хабар",
  },
  RU: {
    BEHAVIOUR: "Сообщение от учителя: поведение",
    MEETING: "Сообщение от учителя: встреча",
    PROGRESS: "Сообщение от учителя: успеваемость",
    OTHER: "Сообщение от учителя",
  },
  EN: {
    BEHAVIOUR: "Message from the teacher: behaviour",
    MEETING: "Message from the teacher: a meeting",
    PROGRESS: "Message from the teacher: progress",
    OTHER: "Message from the teacher",
  },
};

const ABOUT: Record<Locale, (child: string) => string> = {
  UZ_LATN: (c) => `Farzandingiz${c ? ` ${c}` : ""} haqida`,
  UZ_CYRL: (c) => `Фарзандингиз${c ? ` ${c}` : ""} ҳақида`,
  RU: (c) => `О вашем ребёнке${c ? ` (${c})` : ""}`,
  EN: (c) => `About ${c || "your child"}`,
};

export function messageText(locale: Locale, topic: MessageTopic, text: string, names: readonly string[] = []): NoticeText {
  const words = text.length > MESSAGE_TEXT_MAX ? `${text.slice(0, MESSAGE_TEXT_MAX - 1)}…` : text;
  return { title: TITLE[locale][topic], body: `${ABOUT[locale](joinNames(names))}: ${words}` };
}
