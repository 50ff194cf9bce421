import type { Locale } from "./locale.js";

/** Client-facing error texts, one per contract error code, in each interface language. */
export const ERROR_MESSAGES: Record<string, Record<Locale, string>> = {
  UNAUTHENTICATED: {
    UZ_LATN: "Avtorizatsiya talab qilinadi yoki token yaroqsiz",
    UZ_CYRL: "Авторизация талаб қилинади ёки токен яроқсиз",
    RU: "Требуется вход в систему или токен недействителен",
    EN: "Authentication is required or the token is not valid",
  },
  FORBIDDEN: {
    UZ_LATN: "Bu amalga ruxsat yo‘q",
    UZ_CYRL: "Бу амалга рухсат йўқ",
    RU: "Действие запрещено",
    EN: "This operation is not allowed",
  },
  PERSONAL_DATA_WITHHELD: {
    UZ_LATN: "Shaxsiy ma’lumot berilmadi",
    UZ_CYRL: "Шахсий маълумот берилмади",
    RU: "Персональные данные не предоставлены",
    EN: "Personal data withheld",
  },
  BAD_USER_INPUT: {
    UZ_LATN: "Noto‘g‘ri ma’lumot kiritildi",
    UZ_CYRL: "Нотўғри маълумот киритилди",
    RU: "Неверные входные данные",
    EN: "Invalid input",
  },
  NOT_FOUND: {
    UZ_LATN: "Topilmadi",
    UZ_CYRL: "Топилмади",
    RU: "Не найдено",
    EN: "Not found",
  },
  NOT_IMPLEMENTED: {
    UZ_LATN: "Bu imkoniyat hali mavjud emas",
    UZ_CYRL: "Бу имконият ҳали мавжуд эмас",
    RU: "Эта возможность ещё не реализована",
    EN: "This feature is not available yet",
  },
  TOO_COMPLEX: {
    UZ_LATN: "So‘rov juda murakkab",
    UZ_CYRL: "Сўров жуда мураккаб",
    RU: "Запрос слишком сложный",
    EN: "The operation is too complex",
  },
  RATE_LIMITED: {
    UZ_LATN: "So‘rovlar soni chegaradan oshdi",
    UZ_CYRL: "Сўровлар сони чегарадан ошди",
    RU: "Превышен лимит запросов",
    EN: "Too many requests",
  },
  PERSISTED_QUERY_HASH_MISMATCH: {
    UZ_LATN: "So‘rov matni yuborilgan xeshga mos emas",
    UZ_CYRL: "Сўров матни юборилган хешга мос эмас",
    RU: "Текст запроса не соответствует переданному хешу",
    EN: "The operation text does not match its hash",
  },
  SERVICE_UNAVAILABLE: {
    UZ_LATN: "Xizmat vaqtincha ishlamayapti, birozdan so‘ng qayta urinib ko‘ring",
    UZ_CYRL: "Хизмат вақтинча ишламаяпти, бироздан сўнг қайта уриниб кўринг",
    RU: "Сервис временно недоступен, повторите попытку позже",
    EN: "The service is temporarily unavailable; try again shortly",
  },
  INTERNAL_SERVER_ERROR: {
    UZ_LATN: "Ichki xatolik",
    UZ_CYRL: "Ички хатолик",
    RU: "Внутренняя ошибка",
    EN: "Internal error",
  },
};
