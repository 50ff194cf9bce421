/**
 * An in-memory description of a seeded world: the rows of institutions and users, who teaches what,
 * each class's weekly timetable. The writers turn it into each subgraph's tables (replicas included);
 * lessons, marks and attendance are generated from it class by class while writing (see lessons.ts),
 * so a large world never holds them all in memory.
 */
import { seedYearsAround, type SeedYear } from "./calendar.js";
import type { Role } from "../../shared/auth/roles.js";
import { DEFAULT_POLICY_VERSION } from "../../shared/config.js";
import type { Locale } from "../../shared/i18n/locale.js";
import type { Random } from "./random.js";

export interface RegionRow {
  id: string;
  soato: string;
  nameLatn: string;
  nameCyrl: string;
  nameRu: string;
}

export interface DistrictRow {
  id: string;
  regionId: string;
  nameLatn: string;
  nameCyrl: string | null;
  nameRu: string | null;
}

export interface SchoolRow {
  id: string;
  districtId: string;
  regionId: string;
  nameLatn: string;
  nameCyrl: string | null;
}

export interface SubjectRow {
  id: string;
  /** Curriculum key (curriculum.ts); not stored. */
  key: string;
  nameLatn: string;
  nameRu: string | null;
}

export interface ClassRow {
  id: string;
  schoolId: string;
  name: string;
  gradeLevel: number;
  academicYear: number;
  homeroomTeacherId: string | null;
}

export interface UserRow {
  id: string;
  login: string;
  role: Role;
  locale: Locale;
  fullName: string;
  fullNameCyrl: string;
  birthDate: string;
  gender: "M" | "F";
  phone: string | null;
  email: string | null;
  pinfl: string;
  address: string;
  createdAt: Date;
}

export interface MembershipRow {
  id: string;
  userId: string;
  role: Role;
  schoolId: string | null;
  districtId: string | null;
  regionId: string | null;
  startsOn: string;
  endsOn: string | null;
}

export interface EnrolmentRow {
  id: string;
  studentId: string;
  classId: string;
  academicYear: number;
  startsOn: string;
  endsOn: string | null;
}

export interface AssignmentRow {
  id: string;
  teacherId: string;
  classId: string;
  subjectId: string;
}

export interface GuardianshipRow {
  id: string;
  parentId: string;
  studentId: string;
  relation: "mother" | "father" | "guardian";
  createdAt: Date;
}

/** Subject ids by period (index 0 = period 1) for each weekday, Monday first. */
export type WeekTimetable = string[][];

export interface World {
  /** "demo" or "large:<seed>": distinguishes the random streams of worlds seeded side by side. */
  label: string;
  /** The date lessons are "before" (marks and attendance) or not. */
  today: string;
  /** The school year the world lives in (classes, enrolments, lessons). */
  year: SeedYear;
  /** Every school year whose calendar the seed writes: `year`, and in the summer holiday the next one. */
  calendars: SeedYear[];
  /** Root of the streams lessons, marks and attendance are drawn from, per class. */
  journalRandom: Random;
  regions: RegionRow[];
  districts: DistrictRow[];
  subjects: SubjectRow[];
  /** Ids of regions, districts and subjects already in the database: referenced, not inserted. */
  existing: Set<string>;
  schools: SchoolRow[];
  classes: ClassRow[];
  users: UserRow[];
  memberships: MembershipRow[];
  enrolments: EnrolmentRow[];
  assignments: AssignmentRow[];
  guardianships: GuardianshipRow[];
  timetables: Map<string, WeekTimetable>;
  /** Password hashes of the accounts that can sign in (demo accounts; large worlds only on request). */
  credentials: Map<string, string>;
  /** Students whose attendance shows a fixed set of absences (demo-student), whatever the dice say. */
  featuredAbsentees: Set<string>;
  /** The policy version everyone's seeded consents are given to (POLICY_VERSION). */
  policyVersion: string;
  /** School years whose calendar the journal database already holds: written only once. */
  calendarYears: Set<number>;
}

export function emptyWorld(label: string, today: string, journalRandom: Random): World {
  const { current, calendars } = seedYearsAround(today);
  return {
    label,
    today,
    year: current,
    calendars,
    journalRandom,
    regions: [],
    districts: [],
    subjects: [],
    existing: new Set(),
    schools: [],
    classes: [],
    users: [],
    memberships: [],
    enrolments: [],
    assignments: [],
    guardianships: [],
    timetables: new Map(),
    credentials: new Map(),
    featuredAbsentees: new Set(),
    policyVersion: DEFAULT_POLICY_VERSION,
    calendarYears: new Set(),
  };
}

/** Counts of what a world holds, for the CLI's summary. */
export function worldCounts(world: World): Record<string, number> {
  const byRole = (role: Role) => world.users.filter((u) => u.role === role).length;
  return {
    regions: world.regions.filter((r) => !world.existing.has(r.id)).length,
    districts: world.districts.filter((d) => !world.existing.has(d.id)).length,
    subjects: world.subjects.filter((s) => !world.existing.has(s.id)).length,
    schools: world.schools.length,
    classes: world.classes.length,
    users: world.users.length,
    students: byRole("STUDENT"),
    parents: byRole("PARENT"),
    teachers: byRole("TEACHER"),
    memberships: world.memberships.length,
    enrolments: world.enrolments.length,
    teachingAssignments: world.assignments.length,
    guardianships: world.guardianships.length,
    credentials: world.credentials.size,
  };
}
