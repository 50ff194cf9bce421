/**
 * Uzbek personal names in the Latin script, and how a full name is put together:
 * "Family Given Patronymic", the patronymic being the father's given name with "o‘g‘li" (son) or
 * "qizi" (daughter). Family names are stored in the male form; the female form adds "a"
 * (Karimov → Karimova).
 */
import type { Random } from "./random.js";

export type Gender = "M" | "F";

export const MALE_NAMES = [
  "Aziz",
  "Bobur",
  "Jasur",
  "Sardor",
  "Doniyor",
  "Javohir",
  "Shoxrux",
  "Otabek",
  "Sherzod",
  "Ulug‘bek",
  "Jamshid",
  "Akmal",
  "Bekzod",
  "Dilshod",
  "Farrux",
  "Islom",
  "Jahongir",
  "Kamron",
  "Lochinbek",
  "Mironshoh",
  "Nodir",
  "Oybek",
  "Rustam",
  "Sanjar",
  "Temur",
  "Umid",
  "Xurshid",
  "Yusuf",
  "Abdulloh",
  "Muhammadali",
  "Zafar",
  "Ilhom",
  "Sarvar",
  "Asilbek",
  "Behruz",
  "Diyorbek",
  "Ergash",
  "Husan",
  "Hasan",
  "Komil",
  "Mansur",
  "Nurbek",
  "Ravshan",
  "Shahzod",
  "Alisher",
  "Anvar",
  "Baxtiyor",
  "Rahim",
  "Karim",
  "Tohir",
] as const;

export const FEMALE_NAMES = [
  "Madina",
  "Dilnoza",
  "Shahnoza",
  "Gulnora",
  "Nilufar",
  "Sevara",
  "Zarina",
  "Malika",
  "Mohira",
  "Nodira",
  "Feruza",
  "Dilfuza",
  "Munisa",
  "Sabina",
  "Kamola",
  "Laylo",
  "Mohinur",
  "Sarvinoz",
  "Gulbahor",
  "Nigora",
  "Shoira",
  "Umida",
  "Yulduz",
  "Zilola",
  "O‘g‘iloy",
  "Barno",
  "Charos",
  "Durdona",
  "Farangiz",
  "Hilola",
  "Iroda",
  "Jasmina",
  "Lola",
  "Maftuna",
  "Nasiba",
  "Oydin",
  "Robiya",
  "Sayyora",
  "Xurshida",
  "Ziyoda",
  "Asal",
  "Bonu",
  "Dildora",
  "Ezoza",
  "Gavhar",
  "Marjona",
  "Nozima",
  "Ruxshona",
  "Shahzoda",
  "Tamanno",
] as const;

/** Male forms. */
export const FAMILY_NAMES = [
  "Karimov",
  "Rahimov",
  "Yusupov",
  "Tursunov",
  "Aliyev",
  "Abdullayev",
  "Ismoilov",
  "Xolmatov",
  "Qodirov",
  "Ergashev",
  "Sobirov",
  "Nazarov",
  "Mirzayev",
  "Usmonov",
  "Rasulov",
  "Hasanov",
  "Jo‘rayev",
  "Sultonov",
  "Hamidov",
  "Saidov",
  "Normatov",
  "Rustamov",
  "Mahmudov",
  "Yo‘ldoshev",
  "Rahmonov",
  "Boboyev",
  "Umarov",
  "Zokirov",
  "Sharipov",
  "Olimov",
  "Toshmatov",
  "Ahmedov",
  "Fayzullayev",
  "Haydarov",
  "Nurmatov",
  "Xudoyberdiyev",
  "Abdurahmonov",
  "Qosimov",
  "Valiyev",
  "Murodov",
  "Ibragimov",
  "Salimov",
  "Davletov",
  "Po‘latov",
  "Shodmonov",
  "Islomov",
  "Baxtiyorov",
  "Eshmatov",
  "Mamatov",
  "Xasanov",
] as const;

export const familyNameFor = (familyName: string, gender: Gender): string => (gender === "F" ? `${familyName}a` : familyName);

export const patronymicOf = (fatherGivenName: string, gender: Gender): string => `${fatherGivenName} ${gender === "M" ? "o‘g‘li" : "qizi"}`;

export const givenName = (rng: Random, gender: Gender): string => rng.pick(gender === "M" ? MALE_NAMES : FEMALE_NAMES);

export interface PersonName {
  familyName: string;
  givenName: string;
  /** Father's given name, from which the patronymic is formed. */
  fatherName: string;
  gender: Gender;
}

/** "Karimova Madina Rustam qizi". */
export const fullName = (name: PersonName): string =>
  `${familyNameFor(name.familyName, name.gender)} ${name.givenName} ${patronymicOf(name.fatherName, name.gender)}`;

export function randomName(rng: Random, gender: Gender, familyName?: string): PersonName {
  return {
    familyName: familyName ?? rng.pick(FAMILY_NAMES),
    givenName: givenName(rng, gender),
    fatherName: rng.pick(MALE_NAMES),
    gender,
  };
}

/** ASCII slug of a Latin name for logins and e-mail addresses: "Ulug‘bek" → "ulugbek". */
export const asciiSlug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[‘’ʻʼ`´']/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
