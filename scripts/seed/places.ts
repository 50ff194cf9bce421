/**
 * Where the world is: the 14 top-level units and Tashkent's 12 districts from uz-regions.json (a copy of
 * the project's reference data), and for the other regions a handful of their real districts, named the
 * way the reference file names Tashkent's ("<Name> tumani").
 */
import { latinToCyrillic } from "../../shared/i18n/translit.js";
import regionsFile from "./uz-regions.json" with { type: "json" };

export interface RegionDef {
  soato: string;
  nameLatn: string;
  nameCyrl: string;
  nameRu: string;
}

export interface DistrictDef {
  nameLatn: string;
  nameCyrl: string;
  nameRu: string;
}

export const REGIONS: readonly RegionDef[] = regionsFile.regions.map((r) => ({
  soato: r.soato,
  nameLatn: r.uzLatn,
  nameCyrl: r.uzCyrl,
  nameRu: r.ru,
}));

export const TASHKENT_CITY_SOATO = "1726";

export const TASHKENT_CITY_DISTRICTS: readonly DistrictDef[] = regionsFile.tashkentCityDistricts.map((d) => ({
  nameLatn: d.uzLatn,
  nameCyrl: d.uzCyrl,
  nameRu: d.ru,
}));

/** [Latin stem, Russian adjective] of some real districts per region (SOATO). */
const OTHER_DISTRICTS: Record<string, ReadonlyArray<readonly [string, string]>> = {
  "1735": [
    ["Nukus", "Нукусский"],
    ["Xo‘jayli", "Ходжейлийский"],
    ["Chimboy", "Чимбайский"],
    ["To‘rtko‘l", "Турткульский"],
    ["Beruniy", "Берунийский"],
  ],
  "1703": [
    ["Asaka", "Асакинский"],
    ["Xo‘jaobod", "Ходжаабадский"],
    ["Marhamat", "Мархаматский"],
    ["Shahrixon", "Шахриханский"],
    ["Baliqchi", "Балыкчинский"],
  ],
  "1706": [
    ["G‘ijduvon", "Гиждуванский"],
    ["Kogon", "Каганский"],
    ["Vobkent", "Вабкентский"],
    ["Romitan", "Ромитанский"],
    ["Qorako‘l", "Каракульский"],
  ],
  "1708": [
    ["Zomin", "Зааминский"],
    ["G‘allaorol", "Галляаральский"],
    ["Baxmal", "Бахмальский"],
    ["Forish", "Фаришский"],
    ["Do‘stlik", "Дустликский"],
  ],
  "1710": [
    ["Shahrisabz", "Шахрисабзский"],
    ["Kitob", "Китабский"],
    ["Qarshi", "Каршинский"],
    ["G‘uzor", "Гузарский"],
    ["Koson", "Касанский"],
  ],
  "1712": [
    ["Karmana", "Карманинский"],
    ["Navbahor", "Навбахорский"],
    ["Nurota", "Нуратинский"],
    ["Qiziltepa", "Кызылтепинский"],
    ["Xatirchi", "Хатырчинский"],
  ],
  "1714": [
    ["Chust", "Чустский"],
    ["Pop", "Папский"],
    ["Uychi", "Уйчинский"],
    ["To‘raqo‘rg‘on", "Туракурганский"],
    ["Kosonsoy", "Касансайский"],
  ],
  "1718": [
    ["Urgut", "Ургутский"],
    ["Kattaqo‘rg‘on", "Каттакурганский"],
    ["Pastdarg‘om", "Пастдаргомский"],
    ["Bulung‘ur", "Булунгурский"],
    ["Jomboy", "Джамбайский"],
  ],
  "1722": [
    ["Denov", "Денауский"],
    ["Termiz", "Термезский"],
    ["Sherobod", "Шерабадский"],
    ["Sho‘rchi", "Шурчинский"],
    ["Boysun", "Байсунский"],
  ],
  "1724": [
    ["Guliston", "Гулистанский"],
    ["Boyovut", "Баяутский"],
    ["Sardoba", "Сардобинский"],
    ["Sayxunobod", "Сайхунабадский"],
    ["Mirzaobod", "Мирзаабадский"],
  ],
  "1727": [
    ["Zangiota", "Зангиатинский"],
    ["Qibray", "Кибрайский"],
    ["Bo‘stonliq", "Бостанлыкский"],
    ["Parkent", "Паркентский"],
    ["Yangiyo‘l", "Янгиюльский"],
  ],
  "1730": [
    ["Quva", "Кувинский"],
    ["Rishton", "Риштанский"],
    ["Oltiariq", "Алтыарыкский"],
    ["Buvayda", "Бувайдинский"],
    ["Farg‘ona", "Ферганский"],
  ],
  "1733": [
    ["Urganch", "Ургенчский"],
    ["Xiva", "Хивинский"],
    ["Xonqa", "Ханкинский"],
    ["Gurlan", "Гурленский"],
    ["Shovot", "Шаватский"],
  ],
};

/** The districts of a region: the reference list for Tashkent city, a generated one elsewhere. */
export function districtsOf(soato: string): readonly DistrictDef[] {
  if (soato === TASHKENT_CITY_SOATO) return TASHKENT_CITY_DISTRICTS;
  return (OTHER_DISTRICTS[soato] ?? []).map(([stem, ru]) => ({
    nameLatn: `${stem} tumani`,
    nameCyrl: latinToCyrillic(`${stem} tumani`),
    nameRu: `${ru} район`,
  }));
}

/** "Chilonzor tumani" → "Chilonzor", the stem schools are named after. */
export const districtStem = (nameLatn: string): string => nameLatn.replace(/ tumani$/, "");

export const STREETS = [
  "Amir Temur ko‘chasi",
  "Navoiy ko‘chasi",
  "Mustaqillik ko‘chasi",
  "Bunyodkor ko‘chasi",
  "Bog‘ishamol ko‘chasi",
  "Istiqlol ko‘chasi",
  "Do‘stlik ko‘chasi",
  "Guliston ko‘chasi",
  "Bobur ko‘chasi",
  "Muqimiy ko‘chasi",
  "Lutfiy ko‘chasi",
  "Qatortol ko‘chasi",
  "Nurafshon ko‘chasi",
  "Yoshlik ko‘chasi",
  "Olmazor ko‘chasi",
] as const;
