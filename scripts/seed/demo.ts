/**
 * The demo world of RUNTIME.md ("The demo world"), exactly: the 13 demo accounts, the 14 regions and
 * Tashkent's districts, two schools, classes 5-A, 5-B, 7-A (28 students each) and 11-V (3 students), every
 * other subject taught by generated teachers, a generated family for every student.
 */
import type { Role } from "../../shared/auth/roles.js";
import { SUBJECTS } from "./curriculum.js";
import { WorldBuilder, type PersonSpec } from "./builder.js";
import { districtKey, type ExistingRows } from "./existing.js";
import type { Gender } from "./names.js";
import { districtsOf, REGIONS, TASHKENT_CITY_SOATO } from "./places.js";
import type { World } from "./world.js";

const DEMO_SEED = "2026-2027";
const CLASS_SIZE = 28;

/** A demo account's fixed name: "Family Given Father". */
function named(login: string, family: string, given: string, father: string, gender: Gender): PersonSpec {
  return { login, name: { familyName: family, givenName: given, fatherName: father, gender }, locale: "UZ_LATN" };
}

export interface DemoWorld {
  world: World;
  /** login → user id of the 13 demo accounts, the ones that get a password. */
  accounts: Map<string, string>;
}

/** Adds the places and subjects every world shares, reusing rows the database already has. */
export function addReferenceRows(b: WorldBuilder, existing: ExistingRows, soatos: readonly string[] = REGIONS.map((r) => r.soato)) {
  for (const def of SUBJECTS) b.subject(def, existing.subjectIdByName.get(def.nameLatn));
  const regions = REGIONS.map((def) => b.region(def, existing.regionIdBySoato.get(def.soato)));
  const districts = regions
    .filter((r) => soatos.includes(r.soato))
    .flatMap((region) =>
      districtsOf(region.soato).map((def) => b.district(region, def, existing.districtIdByName.get(districtKey(region.id, def.nameLatn)))),
    );
  return { regions, districts };
}

export function buildDemoWorld(today: string, existing: ExistingRows): DemoWorld {
  const b = new WorldBuilder({ label: "demo", seed: DEMO_SEED, today, takenLogins: existing.logins, takenPinfls: existing.pinfls });
  const accounts = new Map<string, string>();
  const account = (role: Role, org: Parameters<WorldBuilder["staff"]>[1], spec: PersonSpec) => {
    const user = b.staff(role, org, spec);
    accounts.set(user.login, user.id);
    return user;
  };

  const { regions, districts } = addReferenceRows(b, existing, [TASHKENT_CITY_SOATO]);
  const tashkent = regions.find((r) => r.soato === TASHKENT_CITY_SOATO)!;
  const chilonzorTumani = districts.find((d) => d.nameLatn === "Chilonzor tumani")!;
  const yunusobodTumani = districts.find((d) => d.nameLatn === "Yunusobod tumani")!;
  const chilonzor = b.school(chilonzorTumani, "Chilonzor 1-maktab");
  const yunusobod = b.school(yunusobodTumani, "Yunusobod 2-maktab");

  account("MINISTRY_OFFICIAL", {}, named("demo-ministry", "Rahimov", "Alisher", "Karim", "M"));
  account("REGION_OFFICIAL", { regionId: tashkent.id }, named("demo-region", "Yusupov", "Gulnora", "Anvar", "F"));
  account(
    "DISTRICT_OFFICIAL",
    { districtId: chilonzorTumani.id, regionId: tashkent.id },
    named("demo-district", "Tursunov", "Bobur", "Ergash", "M"),
  );
  account(
    "DISTRICT_OFFICIAL",
    { districtId: yunusobodTumani.id, regionId: tashkent.id },
    named("demo-district-other", "Nazarov", "Feruza", "Olim", "F"),
  );
  account("SCHOOL_ADMIN", b.orgOf(chilonzor), named("demo-principal", "Abdullayev", "Shoira", "Hasan", "F"));
  const teacher = account("TEACHER", b.orgOf(chilonzor), named("demo-teacher", "Karimov", "Dilnoza", "Rustam", "F"));
  const teacher2 = account("TEACHER", b.orgOf(chilonzor), named("demo-teacher-2", "Ergashev", "Jasur", "Tohir", "M"));
  const teacherOther = account("TEACHER", b.orgOf(yunusobod), named("demo-teacher-other", "Sobirov", "Malika", "Zafar", "F"));
  account("DATA_PROTECTION_OFFICER", {}, named("demo-dpo", "Islomov", "Sherzod", "Nodir", "M"));
  // Yunusobod 2-maktab has a principal too, just not a demo one.
  b.staff("SCHOOL_ADMIN", b.orgOf(yunusobod));

  const c5a = b.schoolClass(chilonzor, "5-A", 5);
  const c5b = b.schoolClass(chilonzor, "5-B", 5);
  const c11v = b.schoolClass(chilonzor, "11-V", 11);
  const c7a = b.schoolClass(yunusobod, "7-A", 7);

  b.assign(teacher.id, c5a, "math");
  b.assign(teacher.id, c5b, "math");
  b.setHomeroom(c5a, teacher.id);
  b.assign(teacher2.id, c5b, "native");
  b.assign(teacherOther.id, c7a, "math");

  const student = b.student(c5a, {
    login: "demo-student",
    gender: "M",
    givenName: "Aziz",
    familyName: "Usmonov",
    locale: "UZ_LATN",
    guardians: [
      { relation: "mother", login: "demo-parent", givenName: "Madina", fatherName: "Komil", locale: "UZ_LATN" },
      { relation: "father", givenName: "Sardor", locale: "RU" },
    ],
  });
  b.student(c5b, {
    login: "demo-student-2",
    gender: "F",
    givenName: "Zarina",
    familyName: "Qodirov",
    locale: "UZ_LATN",
    guardians: [{ relation: "father", login: "demo-parent-other", givenName: "Bekzod", fatherName: "Anvar", locale: "UZ_CYRL" }],
  });
  for (const login of ["demo-student", "demo-student-2", "demo-parent", "demo-parent-other"]) {
    accounts.set(login, b.world.users.find((u) => u.login === login)!.id);
  }
  b.world.featuredAbsentees.add(student.id);

  for (const [cls, size] of [
    [c5a, CLASS_SIZE - 1],
    [c5b, CLASS_SIZE - 1],
    [c7a, CLASS_SIZE],
    [c11v, 3],
  ] as const) {
    for (let i = 0; i < size; i++) b.student(cls);
  }

  const reserved = new Set([teacher.id, teacher2.id, teacherOther.id]);
  for (const school of [chilonzor, yunusobod]) {
    b.staffSchool(school, reserved);
    b.buildTimetables(school);
  }
  return { world: b.world, accounts };
}
