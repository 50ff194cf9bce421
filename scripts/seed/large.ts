/**
 * A larger world with the demo world's structure, for load tests and reports: schools spread over the
 * 14 regions and their districts, each with a principal, classes across the grades, teachers for every
 * timetabled subject, students with their families; one official per region and per district with schools.
 */
import { WorldBuilder } from "./builder.js";
import { addReferenceRows } from "./demo.js";
import type { ExistingRows } from "./existing.js";
import { districtStem } from "./places.js";
import type { DistrictRow, World } from "./world.js";

export const DEFAULT_LARGE_SEED = 20262027;
export const DEFAULT_CLASSES_PER_SCHOOL = 11;
export const DEFAULT_STUDENTS_PER_CLASS = 25;

/** The grades a school's classes take, in order: a school with three classes has 5-A, 7-A and 9-A. */
const GRADE_ORDER = [5, 7, 9, 11, 1, 3, 6, 8, 10, 2, 4] as const;
const CLASS_LETTERS = ["A", "B", "V", "G", "D", "E", "J", "Z"] as const;

export interface LargeWorldOptions {
  schools: number;
  classesPerSchool: number;
  studentsPerClass: number;
  seed: number;
}

export function buildLargeWorld(options: LargeWorldOptions, today: string, existing: ExistingRows): World {
  const maxClasses = GRADE_ORDER.length * CLASS_LETTERS.length;
  if (options.classesPerSchool > maxClasses) throw new Error(`at most ${maxClasses} classes per school`);
  const b = new WorldBuilder({ label: "large", seed: options.seed, today, takenLogins: existing.logins, takenPinfls: existing.pinfls });
  const { regions, districts } = addReferenceRows(b, existing);
  const districtsOfRegion = new Map(regions.map((r) => [r.id, districts.filter((d) => d.regionId === r.id)]));

  const schoolNames = new Set(existing.schoolNames);
  const numberInDistrict = new Map<string, number>();
  const officials = new Set<string>();
  const official = (key: string, make: () => void) => {
    if (!officials.has(key)) {
      officials.add(key);
      make();
    }
  };

  for (let i = 0; i < options.schools; i++) {
    const region = regions[i % regions.length]!;
    const regionDistricts = districtsOfRegion.get(region.id)!;
    const district: DistrictRow = regionDistricts[Math.floor(i / regions.length) % regionDistricts.length]!;
    let n = numberInDistrict.get(district.id) ?? 0;
    let name: string;
    do name = `${districtStem(district.nameLatn)} ${++n}-maktab`;
    while (schoolNames.has(name));
    numberInDistrict.set(district.id, n);
    schoolNames.add(name);

    const school = b.school(district, name);
    official(region.id, () => b.staff("REGION_OFFICIAL", { regionId: region.id }));
    official(district.id, () => b.staff("DISTRICT_OFFICIAL", { districtId: district.id, regionId: region.id }));
    b.staff("SCHOOL_ADMIN", b.orgOf(school));
    for (let c = 0; c < options.classesPerSchool; c++) {
      const grade = GRADE_ORDER[c % GRADE_ORDER.length]!;
      const cls = b.schoolClass(school, `${grade}-${CLASS_LETTERS[Math.floor(c / GRADE_ORDER.length)]}`, grade);
      for (let s = 0; s < options.studentsPerClass; s++) b.student(cls);
    }
    b.staffSchool(school);
    b.buildTimetables(school);
  }
  return b.world;
}
