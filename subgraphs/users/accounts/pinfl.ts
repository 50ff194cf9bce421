/**
 * PINFL (JShShIR), the 14-digit personal identification number of Uzbekistan:
 *   digit 1      century and sex (1/2: 1800s, 3/4: 1900s, 5/6: 2000s; odd = male, even = female)
 *   digits 2–7   birth date as DDMMYY
 *   digits 8–10  code of the issuing district
 *   digits 11–13 serial number
 *   digit 14     check digit: the sum of the first 13 digits weighted 7, 3, 1, 7, 3, 1, … taken modulo 10.
 * The weighting is the one of the ICAO 9303 machine-readable zone the passport number shares; we found no
 * official public text of the check rule, so this is our reading of it (README, "Setting up a school").
 */
const WEIGHTS = [7, 3, 1];

export const pinflCheckDigit = (first13: string): number => [...first13].reduce((sum, d, i) => sum + Number(d) * WEIGHTS[i % 3]!, 0) % 10;

/** The birth date a PINFL encodes (YYYY-MM-DD), or null when digits 1–7 are not a real date. */
export function pinflBirthDate(pinfl: string): string | null {
  const centuryDigit = Number(pinfl[0]);
  if (centuryDigit < 1 || centuryDigit > 6) return null;
  const century = 1800 + Math.floor((centuryDigit - 1) / 2) * 100;
  const [dd, mm, yy] = [pinfl.slice(1, 3), pinfl.slice(3, 5), pinfl.slice(5, 7)];
  const iso = `${century + Number(yy)}-${mm}-${dd}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/** Why a PINFL is not valid, or null when it is. `birthDate`, when known, must be the one encoded. */
export function pinflProblem(pinfl: string, birthDate?: string | null): string | null {
  if (!/^\d{14}$/.test(pinfl)) return "must be 14 digits";
  const encoded = pinflBirthDate(pinfl);
  if (!encoded) return "digits 1 to 7 are not a century and birth date";
  if (pinflCheckDigit(pinfl.slice(0, 13)) !== Number(pinfl[13])) return "the check digit does not match";
  if (birthDate && birthDate !== encoded) return `encodes the birth date ${encoded}, not ${birthDate}`;
  return null;
}

/** Builds a valid PINFL (for the seed, tests and examples): birth date, sex, district code and serial. */
export function makePinfl(birthDate: string, sex: "M" | "F", district: number, serial: number): string {
  const year = Number(birthDate.slice(0, 4));
  const centuryDigit = (Math.floor((year - 1800) / 100) * 2 + (sex === "M" ? 1 : 2)).toString();
  const first13 = `${centuryDigit}${birthDate.slice(8, 10)}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}${String(district).padStart(3, "0")}${String(serial).padStart(3, "0")}`;
  return `${first13}${pinflCheckDigit(first13)}`;
}
