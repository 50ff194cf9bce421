/**
 * Subjects of the national curriculum, weekly hours by grade, and what a lesson of each is about.
 * Hours are close to the Ministry's basic plan, simplified (algebra and geometry are one "Matematika").
 */

export interface SubjectDef {
  key: string;
  nameLatn: string;
  nameRu: string;
  /** Lessons that usually set homework. */
  homework: boolean;
  topics: readonly string[];
}

export const SUBJECTS: readonly SubjectDef[] = [
  {
    key: "math",
    nameLatn: "Matematika",
    nameRu: "Математика",
    homework: true,
    topics: [
      "Natural sonlar va ularni taqqoslash",
      "Kasrlar, qisqartirish",
      "O‘nli kasrlar ustida amallar",
      "Foizlar",
      "Proporsiya",
      "Tenglamalar yechish",
      "Koordinata tekisligi",
      "Masalalar yechish",
      "Takrorlash",
      "Nazorat ishi",
    ],
  },
  {
    key: "native",
    nameLatn: "Ona tili",
    nameRu: "Родной язык",
    homework: true,
    topics: [
      "Ot so‘z turkumi",
      "Sifat va uning darajalari",
      "Fe’l zamonlari",
      "Imlo qoidalari",
      "Gap bo‘laklari",
      "Qo‘shma gaplar",
      "Tinish belgilari",
      "Bayon yozish",
      "Takrorlash",
      "Diktant",
    ],
  },
  {
    key: "literature",
    nameLatn: "Adabiyot",
    nameRu: "Литература",
    homework: true,
    topics: [
      "Alisher Navoiy hayoti va ijodi",
      "Xalq og‘zaki ijodi: dostonlar",
      "Abdulla Qodiriy “O‘tkan kunlar”",
      "Cho‘lpon she’riyati",
      "G‘afur G‘ulom hikoyalari",
      "Ertaklar tahlili",
      "Yodlash: she’r",
      "Sinfdan tashqari o‘qish",
    ],
  },
  {
    key: "english",
    nameLatn: "Ingliz tili",
    nameRu: "Английский язык",
    homework: true,
    topics: [
      "My family",
      "Present Simple",
      "At school",
      "Past Simple",
      "Food and drinks",
      "Travelling",
      "Reading: Uzbekistan",
      "Vocabulary revision",
      "Listening practice",
      "Test",
    ],
  },
  {
    key: "russian",
    nameLatn: "Rus tili",
    nameRu: "Русский язык",
    homework: true,
    topics: ["Имя существительное", "Падежи", "Глагол", "Моя школа", "Чтение текста", "Диалог", "Повторение", "Диктант"],
  },
  {
    key: "history",
    nameLatn: "Tarix",
    nameRu: "История",
    homework: true,
    topics: [
      "Qadimgi Baqtriya va So‘g‘d",
      "Buyuk Ipak yo‘li",
      "Amir Temur davlati",
      "Temuriylar davri madaniyati",
      "Xonliklar davri",
      "Mustaqil O‘zbekiston",
      "Tarixiy manbalar bilan ishlash",
      "Takrorlash",
    ],
  },
  {
    key: "geography",
    nameLatn: "Geografiya",
    nameRu: "География",
    homework: true,
    topics: [
      "Xarita va globus",
      "O‘zbekiston relyefi",
      "Iqlim va daryolar",
      "Tabiiy zonalar",
      "Aholi va shaharlar",
      "Amaliy mashg‘ulot: kontur xarita",
      "Takrorlash",
    ],
  },
  {
    key: "biology",
    nameLatn: "Biologiya",
    nameRu: "Биология",
    homework: true,
    topics: [
      "Hujayra tuzilishi",
      "O‘simliklar dunyosi",
      "Hayvonlar sinflari",
      "Odam organizmi",
      "Ekologiya asoslari",
      "Laboratoriya ishi: mikroskop",
      "Takrorlash",
    ],
  },
  {
    key: "physics",
    nameLatn: "Fizika",
    nameRu: "Физика",
    homework: true,
    topics: [
      "Mexanik harakat",
      "Tezlik va tezlanish",
      "Nyuton qonunlari",
      "Ish va energiya",
      "Bosim",
      "Elektr toki",
      "Laboratoriya ishi",
      "Masalalar yechish",
      "Nazorat ishi",
    ],
  },
  {
    key: "chemistry",
    nameLatn: "Kimyo",
    nameRu: "Химия",
    homework: true,
    topics: [
      "Atom tuzilishi",
      "Davriy jadval",
      "Kimyoviy bog‘lanish",
      "Oksidlar va kislotalar",
      "Tuzlar",
      "Amaliy ish",
      "Masalalar yechish",
    ],
  },
  {
    key: "informatics",
    nameLatn: "Informatika",
    nameRu: "Информатика",
    homework: false,
    topics: [
      "Axborot va uning turlari",
      "Kompyuter qurilmalari",
      "Matn muharriri",
      "Elektron jadvallar",
      "Algoritmlar",
      "Dasturlash asoslari",
      "Internet xavfsizligi",
    ],
  },
  {
    key: "pe",
    nameLatn: "Jismoniy tarbiya",
    nameRu: "Физическая культура",
    homework: false,
    topics: ["Yengil atletika", "Sport o‘yinlari: futbol", "Voleybol", "Gimnastika", "Estafeta", "Me’yorlarni topshirish"],
  },
  {
    key: "nature",
    nameLatn: "Tabiiy fan",
    nameRu: "Естествознание",
    homework: true,
    topics: ["Tabiat hodisalari", "Yil fasllari", "O‘simliklar va hayvonlar", "Suv va havo", "Ona yurt tabiati"],
  },
  {
    key: "music",
    nameLatn: "Musiqa",
    nameRu: "Музыка",
    homework: false,
    topics: ["Xalq qo‘shiqlari", "Maqom san’ati", "Musiqa cholg‘ulari", "Qo‘shiq o‘rganish"],
  },
  {
    key: "upbringing",
    nameLatn: "Tarbiya",
    nameRu: "Воспитание",
    homework: false,
    topics: ["Odob-axloq", "Vatanparvarlik", "Oila qadriyatlari", "Sog‘lom turmush tarzi", "Kasb tanlash"],
  },
];

export const SUBJECT_BY_KEY = new Map(SUBJECTS.map((s) => [s.key, s]));

/** Subjects the primary (grades 1–4) class teacher gives herself; the others come from specialists. */
export const PRIMARY_CORE = new Set(["math", "native", "literature", "nature", "upbringing"]);

type Plan = ReadonlyArray<readonly [string, number]>;

const PRIMARY: Plan = [
  ["math", 5],
  ["native", 5],
  ["literature", 3],
  ["english", 2],
  ["russian", 2],
  ["nature", 1],
  ["pe", 2],
  ["music", 1],
  ["upbringing", 1],
];
const MIDDLE: Plan = [
  ["math", 5],
  ["native", 3],
  ["literature", 2],
  ["english", 3],
  ["russian", 2],
  ["history", 2],
  ["biology", 2],
  ["geography", 1],
  ["informatics", 1],
  ["pe", 2],
  ["music", 1],
  ["upbringing", 1],
];
const UPPER: Plan = [
  ["math", 5],
  ["native", 2],
  ["literature", 2],
  ["english", 3],
  ["russian", 2],
  ["history", 2],
  ["geography", 2],
  ["biology", 2],
  ["physics", 2],
  ["chemistry", 2],
  ["informatics", 1],
  ["pe", 2],
  ["upbringing", 1],
];
const SENIOR: Plan = [
  ["math", 5],
  ["native", 1],
  ["literature", 2],
  ["english", 3],
  ["russian", 2],
  ["history", 2],
  ["geography", 1],
  ["biology", 2],
  ["physics", 3],
  ["chemistry", 2],
  ["informatics", 2],
  ["pe", 2],
  ["upbringing", 1],
];

/** Weekly hours per subject key for a grade (1–11). Every plan fits six days of at most six periods. */
export function curriculumFor(gradeLevel: number): Plan {
  if (gradeLevel <= 4) return PRIMARY;
  if (gradeLevel <= 6) return MIDDLE;
  if (gradeLevel <= 9) return UPPER;
  return SENIOR;
}

const HOMEWORK_TEMPLATES = [
  (n: number) => `${n}-§ ni o‘qish, savollarga javob berish`,
  (n: number) => `${n}-mashq`,
  (n: number) => `${n}–${n + 3}-mashqlar`,
  (n: number) => `${n}-betdagi topshiriqlar`,
  () => "Mavzu bo‘yicha qisqa konspekt yozish",
  () => "Yangi so‘zlarni yodlash",
];

export function homeworkText(pick: (max: number) => number): string {
  const template = HOMEWORK_TEMPLATES[pick(HOMEWORK_TEMPLATES.length - 1)]!;
  return template(1 + pick(60));
}
