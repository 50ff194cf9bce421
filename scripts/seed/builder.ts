/**
 * Builds a World step by step: places, schools, classes, people with their families, who teaches what,
 * timetables. Every random choice comes from a stream forked from the seed by purpose, so the same seed
 * gives the same world, ids included.
 */
import type { Role } from "../../shared/auth/roles.js";
import type { Locale } from "../../shared/i18n/locale.js";
import { latinToCyrillic } from "../../shared/i18n/translit.js";
import { addDays, tashkentInstant } from "./calendar.js";
import { curriculumFor, PRIMARY_CORE, type SubjectDef } from "./curriculum.js";
import {
  asciiSlug,
  familyNameFor,
  fullName,
  MALE_NAMES,
  FAMILY_NAMES,
  givenName,
  randomName,
  type Gender,
  type PersonName,
} from "./names.js";
import { STREETS, type DistrictDef, type RegionDef } from "./places.js";
import { Random } from "./random.js";
import { buildSchoolTimetables } from "./timetable.js";
import {
  emptyWorld,
  type AssignmentRow,
  type ClassRow,
  type DistrictRow,
  type GuardianshipRow,
  type RegionRow,
  type SchoolRow,
  type SubjectRow,
  type UserRow,
  type World,
} from "./world.js";

/** Weekly lessons of one teacher's rate (stavka): past it the school takes on another teacher of the subject. */
const MAX_TEACHER_LOAD = 18;
const PHONE_CODES = ["90", "91", "93", "94", "95", "97", "98", "99", "33", "88", "77"] as const;

export interface Org {
  schoolId?: string | null;
  districtId?: string | null;
  regionId?: string | null;
}

export interface PersonSpec {
  login?: string;
  name?: PersonName;
  gender?: Gender;
  birthDate?: string;
  /** Birth years to draw from when no birthDate is given. */
  born?: readonly [number, number];
  locale?: Locale;
  phone?: boolean;
  email?: boolean;
  address?: string;
  /** Where the person lives (address, PINFL); defaults to Tashkent. */
  home?: Org;
}

export interface GuardianSpec {
  relation: GuardianshipRow["relation"];
  login?: string;
  givenName?: string;
  fatherName?: string;
  locale?: Locale;
}

export interface StudentSpec {
  login?: string;
  gender?: Gender;
  givenName?: string;
  familyName?: string;
  /** The father's given name (patronymic); taken from a "father" guardian when there is one. */
  fatherName?: string;
  locale?: Locale;
  /** The guardians of a new family; without it the family is drawn (or a sibling's is reused). */
  guardians?: GuardianSpec[];
}

interface Family {
  familyName: string;
  fatherGiven: string;
  motherGiven: string;
  home: Org;
  address: string;
  guardians: Array<{ user: UserRow; relation: GuardianshipRow["relation"] }>;
  classIds: Set<string>;
}

export interface BuilderOptions {
  label: string;
  seed: string | number;
  today: string;
  /** Logins and PINFLs already in the database: never handed out again. */
  takenLogins?: Iterable<string>;
  takenPinfls?: Iterable<string>;
}

export class WorldBuilder {
  readonly world: World;
  private readonly rng: Random;
  private readonly idStreams = new Map<string, Random>();
  private readonly people: Random;
  private readonly contacts: Random;
  private readonly families: Random;
  private readonly takenLogins: Set<string>;
  private readonly takenPinfls: Set<string>;
  private readonly loginCounters = new Map<string, number>();
  private readonly regionsById = new Map<string, RegionRow>();
  private readonly districtsById = new Map<string, DistrictRow>();
  private readonly subjectsByKey = new Map<string, SubjectRow>();
  private readonly classesBySchool = new Map<string, ClassRow[]>();
  private readonly assignmentsByClass = new Map<string, AssignmentRow[]>();
  private readonly familiesBySchool = new Map<string, Family[]>();
  private readonly teachersBySchool = new Map<string, string[]>();
  private readonly homeroomTeachers = new Set<string>();
  private readonly schoolsById = new Map<string, SchoolRow>();

  /** When the seeded accounts were created: the week before the school year. */
  private get seededAt(): Date {
    return tashkentInstant(addDays(this.world.year.startsOn, -8), 9);
  }

  constructor(options: BuilderOptions) {
    this.rng = new Random(`${options.label}:${options.seed}`);
    this.people = this.rng.fork("people");
    this.contacts = this.rng.fork("contacts");
    this.families = this.rng.fork("families");
    this.takenLogins = new Set(options.takenLogins ?? []);
    this.takenPinfls = new Set(options.takenPinfls ?? []);
    this.world = emptyWorld(options.label, options.today, this.rng.fork("journal"));
  }

  /** A fresh id from the stream of one kind of row. */
  id(kind: string): string {
    let stream = this.idStreams.get(kind);
    if (!stream) this.idStreams.set(kind, (stream = this.rng.fork(`ids:${kind}`)));
    return stream.uuid();
  }

  // ---- places and subjects ------------------------------------------------------------------

  region(def: RegionDef, existingId?: string): RegionRow {
    const row: RegionRow = { id: existingId ?? this.id("region"), ...def };
    if (existingId) this.world.existing.add(existingId);
    this.world.regions.push(row);
    this.regionsById.set(row.id, row);
    return row;
  }

  district(region: RegionRow, def: DistrictDef, existingId?: string): DistrictRow {
    const row: DistrictRow = { id: existingId ?? this.id("district"), regionId: region.id, ...def };
    if (existingId) this.world.existing.add(existingId);
    this.world.districts.push(row);
    this.districtsById.set(row.id, row);
    return row;
  }

  subject(def: SubjectDef, existingId?: string): SubjectRow {
    const row: SubjectRow = { id: existingId ?? this.id("subject"), key: def.key, nameLatn: def.nameLatn, nameRu: def.nameRu };
    if (existingId) this.world.existing.add(existingId);
    this.world.subjects.push(row);
    this.subjectsByKey.set(def.key, row);
    return row;
  }

  subjectId(key: string): string {
    const subject = this.subjectsByKey.get(key);
    if (!subject) throw new Error(`subject "${key}" is not in the world`);
    return subject.id;
  }

  school(district: DistrictRow, nameLatn: string): SchoolRow {
    const row: SchoolRow = {
      id: this.id("school"),
      districtId: district.id,
      regionId: district.regionId,
      nameLatn,
      nameCyrl: latinToCyrillic(nameLatn),
    };
    this.world.schools.push(row);
    this.schoolsById.set(row.id, row);
    return row;
  }

  schoolClass(school: SchoolRow, name: string, gradeLevel: number): ClassRow {
    const row: ClassRow = {
      id: this.id("class"),
      schoolId: school.id,
      name,
      gradeLevel,
      academicYear: this.world.year.year,
      homeroomTeacherId: null,
    };
    this.world.classes.push(row);
    const list = this.classesBySchool.get(school.id) ?? [];
    list.push(row);
    this.classesBySchool.set(school.id, list);
    return row;
  }

  orgOf(school: SchoolRow): Required<Org> {
    return { schoolId: school.id, districtId: school.districtId, regionId: school.regionId };
  }

  // ---- people -------------------------------------------------------------------------------

  person(role: Role, spec: PersonSpec = {}): UserRow {
    const rng = this.people;
    const gender = spec.name?.gender ?? spec.gender ?? (rng.chance(0.5) ? "M" : "F");
    const name = spec.name ?? randomName(rng, gender);
    const [from, to] = spec.born ?? [1970, 1995];
    const birthDate = spec.birthDate ?? addDays(`${rng.int(from, to)}-01-01`, rng.int(0, 364));
    const login = spec.login ?? this.generatedLogin(name);
    if (spec.login) {
      if (this.takenLogins.has(spec.login)) throw new Error(`login "${spec.login}" already exists`);
      this.takenLogins.add(spec.login);
    }
    const text = fullName(name);
    const user: UserRow = {
      id: this.id("user"),
      login,
      role,
      locale: spec.locale ?? (rng.chance(0.9) ? "UZ_LATN" : "RU"),
      fullName: text,
      fullNameCyrl: latinToCyrillic(text),
      birthDate,
      gender,
      phone: spec.phone === false ? null : this.phone(),
      email: spec.email ? this.email(login, role) : null,
      pinfl: this.pinfl(birthDate, gender),
      address: spec.address ?? this.address(spec.home ?? {}),
      createdAt: this.seededAt,
    };
    this.world.users.push(user);
    return user;
  }

  /** A staff member or official with a membership at `org` (all ids empty: ministry or operator). */
  staff(role: Role, org: Org, spec: PersonSpec = {}): UserRow {
    const user = this.person(role, { born: [1966, 1998], email: true, home: org, ...spec });
    this.world.memberships.push({
      id: this.id("membership"),
      userId: user.id,
      role,
      schoolId: org.schoolId ?? null,
      districtId: org.districtId ?? null,
      regionId: org.regionId ?? null,
      startsOn: this.world.year.startsOn,
      endsOn: null,
    });
    if (role === "TEACHER" && org.schoolId) {
      const list = this.teachersBySchool.get(org.schoolId) ?? [];
      list.push(user.id);
      this.teachersBySchool.set(org.schoolId, list);
    }
    return user;
  }

  /** A student enrolled in `cls`, with guardians (a new family, or a sibling's already at the school). */
  student(cls: ClassRow, spec: StudentSpec = {}): UserRow {
    const school = this.schoolsById.get(cls.schoolId)!;
    const family = spec.guardians ? this.newFamily(school, spec) : this.drawFamily(school, cls);
    const gender = spec.gender ?? (this.people.chance(0.5) ? "M" : "F");
    // Born between September and August so the child is of the right age for the grade.
    const birthDate = addDays(`${this.world.year.year - cls.gradeLevel - 7}-09-01`, this.people.int(0, 364));
    const phoneChance = cls.gradeLevel >= 8 ? 0.9 : cls.gradeLevel >= 5 ? 0.5 : 0.1;
    const student = this.person("STUDENT", {
      login: spec.login,
      name: {
        familyName: family.familyName,
        givenName: spec.givenName ?? givenName(this.people, gender),
        fatherName: family.fatherGiven,
        gender,
      },
      birthDate,
      locale: spec.locale ?? (this.people.chance(0.92) ? "UZ_LATN" : "RU"),
      phone: this.contacts.chance(phoneChance),
      email: cls.gradeLevel >= 9 && this.contacts.chance(0.3),
      address: family.address,
      home: family.home,
    });
    this.world.enrolments.push({
      id: this.id("enrolment"),
      studentId: student.id,
      classId: cls.id,
      academicYear: this.world.year.year,
      startsOn: this.world.year.startsOn,
      endsOn: null,
    });
    family.classIds.add(cls.id);
    for (const guardian of family.guardians) {
      this.world.guardianships.push({
        id: this.id("guardianship"),
        parentId: guardian.user.id,
        studentId: student.id,
        relation: guardian.relation,
        createdAt: this.seededAt,
      });
    }
    return student;
  }

  private drawFamily(school: SchoolRow, cls: ClassRow): Family {
    const known = this.familiesBySchool.get(school.id) ?? [];
    // About one child in eight has a brother or sister in another class of the same school.
    if (known.length > 0 && this.families.chance(0.12)) {
      const sibling = this.families.pick(known);
      if (!sibling.classIds.has(cls.id)) return sibling;
    }
    const roll = this.families.next();
    const relations: GuardianSpec[] =
      roll < 0.45
        ? [{ relation: "mother" }]
        : roll < 0.72
          ? [{ relation: "father" }]
          : roll < 0.97
            ? [{ relation: "mother" }, { relation: "father" }]
            : [{ relation: "guardian" }];
    return this.newFamily(school, { guardians: relations });
  }

  private newFamily(school: SchoolRow, spec: StudentSpec): Family {
    const rng = this.families;
    const father = spec.guardians?.find((g) => g.relation === "father");
    const mother = spec.guardians?.find((g) => g.relation === "mother");
    const home = this.orgOf(school);
    const family: Family = {
      familyName: spec.familyName ?? rng.pick(FAMILY_NAMES),
      fatherGiven: spec.fatherName ?? father?.givenName ?? rng.pick(MALE_NAMES),
      motherGiven: mother?.givenName ?? givenName(rng, "F"),
      home,
      address: this.address(home),
      guardians: [],
      classIds: new Set(),
    };
    for (const g of spec.guardians ?? []) {
      const gender: Gender = g.relation === "father" ? "M" : g.relation === "mother" ? "F" : rng.chance(0.7) ? "F" : "M";
      const given =
        g.relation === "father"
          ? family.fatherGiven
          : g.relation === "mother"
            ? family.motherGiven
            : (g.givenName ?? givenName(rng, gender));
      const user = this.person("PARENT", {
        login: g.login,
        name: { familyName: family.familyName, givenName: given, fatherName: g.fatherName ?? rng.pick(MALE_NAMES), gender },
        born: g.relation === "guardian" ? [1950, 1968] : gender === "F" ? [1978, 1994] : [1972, 1992],
        locale:
          g.locale ??
          rng.weighted<Locale>([
            ["UZ_LATN", 0.65],
            ["UZ_CYRL", 0.2],
            ["RU", 0.15],
          ]),
        phone: true,
        email: this.contacts.chance(0.35),
        address: family.address,
        home,
      });
      family.guardians.push({ user, relation: g.relation });
    }
    // A family given explicitly (the demo parents) keeps exactly the children it was given.
    if (!spec.guardians?.some((g) => g.login)) {
      const list = this.familiesBySchool.get(school.id) ?? [];
      list.push(family);
      this.familiesBySchool.set(school.id, list);
    }
    return family;
  }

  // ---- teaching -----------------------------------------------------------------------------

  assign(teacherId: string, cls: ClassRow, subjectKey: string): AssignmentRow {
    const row: AssignmentRow = { id: this.id("assignment"), teacherId, classId: cls.id, subjectId: this.subjectId(subjectKey) };
    this.world.assignments.push(row);
    const list = this.assignmentsByClass.get(cls.id) ?? [];
    list.push(row);
    this.assignmentsByClass.set(cls.id, list);
    return row;
  }

  setHomeroom(cls: ClassRow, teacherId: string): void {
    cls.homeroomTeacherId = teacherId;
    this.homeroomTeachers.add(teacherId);
  }

  /**
   * Staffs a school with generated teachers: every timetabled subject of every class not assigned yet
   * gets a teacher (a primary class's own teacher gives its core subjects), and every class a homeroom
   * teacher. Teachers in `reserved` (the demo accounts) get nothing beyond what they were given.
   */
  staffSchool(school: SchoolRow, reserved: ReadonlySet<string> = new Set()): void {
    const classes = this.classesBySchool.get(school.id) ?? [];
    const org = this.orgOf(school);
    const newTeacher = (): string => this.staff("TEACHER", org).id;
    for (const cls of classes) {
      if (cls.gradeLevel <= 4 && !cls.homeroomTeacherId) this.setHomeroom(cls, newTeacher());
    }
    const pools = new Map<string, Array<{ id: string; load: number }>>();
    for (const cls of classes) {
      const taken = new Set((this.assignmentsByClass.get(cls.id) ?? []).map((a) => a.subjectId));
      for (const [key, hours] of curriculumFor(cls.gradeLevel)) {
        if (taken.has(this.subjectId(key))) continue;
        if (cls.gradeLevel <= 4 && PRIMARY_CORE.has(key) && cls.homeroomTeacherId) {
          this.assign(cls.homeroomTeacherId, cls, key);
          continue;
        }
        const pool = pools.get(key) ?? [];
        pools.set(key, pool);
        let teacher = pool.find((t) => t.load + hours <= MAX_TEACHER_LOAD);
        if (!teacher) pool.push((teacher = { id: newTeacher(), load: 0 }));
        teacher.load += hours;
        this.assign(teacher.id, cls, key);
      }
    }
    const eligible = (id: string) => !reserved.has(id) && !this.homeroomTeachers.has(id);
    for (const cls of classes) {
      if (cls.homeroomTeacherId) continue;
      const own = (this.assignmentsByClass.get(cls.id) ?? []).map((a) => a.teacherId).find(eligible);
      const any = (this.teachersBySchool.get(school.id) ?? []).find(eligible);
      this.setHomeroom(cls, own ?? any ?? newTeacher());
    }
  }

  /** The weekly timetable of every class of the school, from its assignments. */
  buildTimetables(school: SchoolRow): void {
    const classes = this.classesBySchool.get(school.id) ?? [];
    const loads = classes.map((cls) => {
      const teacherOf = new Map((this.assignmentsByClass.get(cls.id) ?? []).map((a) => [a.subjectId, a.teacherId]));
      return {
        classId: cls.id,
        lessons: curriculumFor(cls.gradeLevel).map(([key, hours]) => {
          const subjectId = this.subjectId(key);
          const teacherId = teacherOf.get(subjectId);
          if (!teacherId) throw new Error(`${school.nameLatn} ${cls.name}: nobody teaches ${key}`);
          return { subjectId, teacherId, hours };
        }),
      };
    });
    for (const [classId, week] of buildSchoolTimetables(this.rng.fork(`timetable:${school.id}`), loads)) {
      this.world.timetables.set(classId, week);
    }
  }

  // ---- contact details ----------------------------------------------------------------------

  private generatedLogin(name: PersonName): string {
    const base = `${asciiSlug(name.givenName)}.${asciiSlug(familyNameFor(name.familyName, name.gender))}`;
    let n = this.loginCounters.get(base) ?? 1;
    let login = n === 1 ? base : `${base}${n}`;
    while (this.takenLogins.has(login)) login = `${base}${++n}`;
    this.loginCounters.set(base, n + 1);
    this.takenLogins.add(login);
    return login;
  }

  private phone(): string {
    return `+998${this.contacts.pick(PHONE_CODES)}${this.contacts.digits(7)}`;
  }

  /** Addresses under a reserved top-level domain: seeded data must never mail a real person. */
  private email(login: string, role: Role): string {
    const domain = role === "STUDENT" || role === "PARENT" ? "pochta.example" : "maktab.example";
    return `${login}@${domain}`;
  }

  /**
   * A PINFL-shaped number: century-and-sex digit, birth date (DDMMYY), a 3-digit office code, a 3-digit
   * serial, and a check digit with the 7-3-1 weights. Unique within the world and the database.
   */
  private pinfl(birthDate: string, gender: Gender): string {
    const [yyyy, mm, dd] = birthDate.split("-") as [string, string, string];
    const lead = Number(yyyy) >= 2000 ? (gender === "M" ? 5 : 6) : gender === "M" ? 3 : 4;
    for (;;) {
      const body = `${lead}${dd}${mm}${yyyy.slice(2)}${this.contacts.digits(6)}`;
      const weights = [7, 3, 1];
      const check = [...body].reduce((sum, d, i) => sum + Number(d) * weights[i % 3]!, 0) % 10;
      const pinfl = `${body}${check}`;
      if (!this.takenPinfls.has(pinfl)) {
        this.takenPinfls.add(pinfl);
        return pinfl;
      }
    }
  }

  private address(home: Org): string {
    const district = home.districtId ? this.districtsById.get(home.districtId) : undefined;
    const region = this.regionsById.get(home.regionId ?? district?.regionId ?? "") ?? this.world.regions.find((r) => r.soato === "1726");
    const parts = [region?.nameLatn, district?.nameLatn, this.contacts.pick(STREETS), `${this.contacts.int(1, 120)}-uy`];
    if (this.contacts.chance(0.5)) parts.push(`${this.contacts.int(1, 80)}-xonadon`);
    return parts.filter(Boolean).join(", ");
  }
}
