import type { EntityManager } from "@mikro-orm/core";
import type DataLoader from "dataloader";
import { byIdLoader, groupLoader } from "../../../shared/db/loaders.js";
import type { Locale } from "../../../shared/i18n/locale.js";
import { District, Enrolment, Region, School, SchoolClass, StaffMembership, Subject, TeachingAssignment } from "../entities/index.js";
import { unitNameLoader, type UnitKey } from "./unit-names.js";
import { now } from "../../../shared/clock.js";

/** Every N+1 hotspot of this subgraph gets one named loader, created per request. */
export interface InstitutionsLoaders {
  region: DataLoader<string, Region | null>;
  district: DataLoader<string, District | null>;
  school: DataLoader<string, School | null>;
  schoolClass: DataLoader<string, SchoolClass | null>;
  subject: DataLoader<string, Subject | null>;
  districtsByRegion: DataLoader<string, District[]>;
  schoolsByDistrict: DataLoader<string, School[]>;
  classesBySchool: DataLoader<string, SchoolClass[]>;
  classesByHomeroomTeacher: DataLoader<string, SchoolClass[]>;
  enrolmentsByClass: DataLoader<string, Enrolment[]>;
  enrolmentsByStudent: DataLoader<string, Enrolment[]>;
  membershipsByUser: DataLoader<string, StaffMembership[]>;
  /** Current staff of each school, by position then start. */
  staffBySchool: DataLoader<string, StaffMembership[]>;
  assignmentsByClass: DataLoader<string, TeachingAssignment[]>;
  assignmentsByTeacher: DataLoader<string, TeachingAssignment[]>;
  /** Report rows' unit names, in the request's script. */
  unitName: DataLoader<UnitKey, string | null, string>;
}

export function createInstitutionsLoaders(em: EntityManager, locale: Locale): InstitutionsLoaders {
  // Only current rows: an enrolment or membership that has not ended by today (computed per request).
  const current = { $or: [{ endsOn: null }, { endsOn: { $gt: now().toISOString().slice(0, 10) } }] };
  return {
    region: byIdLoader(em, Region),
    district: byIdLoader(em, District),
    school: byIdLoader(em, School),
    schoolClass: byIdLoader(em, SchoolClass),
    subject: byIdLoader(em, Subject),
    districtsByRegion: groupLoader(em, District, "regionId", { orderBy: { nameLatn: "asc" } }),
    schoolsByDistrict: groupLoader(em, School, "districtId", { orderBy: { nameLatn: "asc" } }),
    classesBySchool: groupLoader(em, SchoolClass, "schoolId", { orderBy: { gradeLevel: "asc", name: "asc" } }),
    classesByHomeroomTeacher: groupLoader(em, SchoolClass, "homeroomTeacherId"),
    enrolmentsByClass: groupLoader(em, Enrolment, "classId", { where: current }),
    enrolmentsByStudent: groupLoader(em, Enrolment, "studentId", { where: current }),
    membershipsByUser: groupLoader(em, StaffMembership, "userId", { where: current }),
    staffBySchool: groupLoader(em, StaffMembership, "schoolId", { where: current, orderBy: { role: "asc", startsOn: "asc", id: "asc" } }),
    assignmentsByClass: groupLoader(em, TeachingAssignment, "classId"),
    assignmentsByTeacher: groupLoader(em, TeachingAssignment, "teacherId"),
    unitName: unitNameLoader(em, locale),
  };
}
