/**
 * What the databases hold behind the demo people's structured personal fields (family links, school and
 * class, marks, attendance, notices): the truth the access matrix compares released values with. Read
 * straight from each subgraph's tables, never through the API or the policy.
 */
import { Enrolment, SchoolClass, StaffMembership } from "../../subgraphs/institutions/entities/index.js";
import { AttendanceMark, Grade } from "../../subgraphs/journal/entities/index.js";
import { Notification } from "../../subgraphs/notifications/entities/index.js";
import { Guardianship } from "../../subgraphs/users/entities/index.js";
import type { TestSystem } from "../support/system.js";
import { DEMO_LOGINS, type DemoIds, type DemoLogin } from "./demo-ids.js";

/** A mark or attendance row: its id and the school subject of its lesson. */
export interface AcademicRow {
  id: string;
  subjectId: string;
}

export interface StoredRecords {
  children: string[];
  guardians: string[];
  /** The school of the student's class, else of the staff membership; null for parents and officials. */
  school: string | null;
  /** The class a student is enrolled in; null for everyone else. */
  schoolClass: string | null;
  grades: AcademicRow[];
  attendance: AcademicRow[];
  notifications: string[];
}

export async function demoRecords(system: TestSystem, ids: DemoIds): Promise<Record<DemoLogin, StoredRecords>> {
  const personIds = DEMO_LOGINS.map((login) => ids.people[login].id);
  const [links, enrolments, classes, memberships, grades, marks, notices] = await Promise.all([
    system.orms.users.em.fork().find(Guardianship, {}),
    system.orms.institutions.em.fork().find(Enrolment, { studentId: { $in: personIds } }),
    system.orms.institutions.em.fork().find(SchoolClass, {}),
    system.orms.institutions.em.fork().find(StaffMembership, { userId: { $in: personIds } }),
    system.orms.journal.em.fork().find(Grade, { studentId: { $in: personIds } }),
    system.orms.journal.em.fork().find(AttendanceMark, { studentId: { $in: personIds } }),
    system.orms.notifications.em.fork().find(Notification, { recipientId: { $in: personIds } }),
  ]);
  const schoolOfClass = new Map(classes.map((c) => [c.id, c.schoolId]));
  const row = (r: { id: string; subjectId: string }): AcademicRow => ({ id: r.id, subjectId: r.subjectId });
  const records = {} as Record<DemoLogin, StoredRecords>;
  for (const login of DEMO_LOGINS) {
    const id = ids.people[login].id;
    const enrolment = enrolments.find((e) => e.studentId === id);
    const membership = memberships.find((m) => m.userId === id && m.schoolId);
    records[login] = {
      children: links.filter((l) => l.parentId === id).map((l) => l.studentId),
      guardians: links.filter((l) => l.studentId === id).map((l) => l.parentId),
      school: enrolment ? (schoolOfClass.get(enrolment.classId) ?? null) : (membership?.schoolId ?? null),
      schoolClass: enrolment?.classId ?? null,
      grades: grades.filter((g) => g.studentId === id).map(row),
      attendance: marks.filter((m) => m.studentId === id).map(row),
      notifications: notices.filter((n) => n.recipientId === id).map((n) => n.id),
    };
  }
  return records;
}
