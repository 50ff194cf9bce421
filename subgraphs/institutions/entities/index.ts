import { RevokedSession } from "../../../shared/auth/revoked-session.entity.js";
import { District } from "./district.entity.js";
import { Enrolment } from "./enrolment.entity.js";
import { Region } from "./region.entity.js";
import { SchoolClass } from "./school-class.entity.js";
import { School } from "./school.entity.js";
import { SchoolSubject } from "./school-subject.entity.js";
import { StaffMembership } from "./staff-membership.entity.js";
import { Subject } from "./subject.entity.js";
import { TeachingAssignment } from "./teaching-assignment.entity.js";
import { SchoolYearPromotion } from "./school-year-promotion.entity.js";

export { District, Enrolment, Region, School, SchoolClass, SchoolSubject, StaffMembership, Subject, TeachingAssignment };
export { SchoolYearPromotion };
export const institutionsEntities = [
  Region,
  District,
  School,
  SchoolClass,
  Subject,
  SchoolSubject,
  StaffMembership,
  Enrolment,
  TeachingAssignment,
  RevokedSession,
  SchoolYearPromotion,
];
