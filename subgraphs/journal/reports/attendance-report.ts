/** attendanceReport's one statement: per unit, roster students, lessons with attendance taken, absences. */
import type { EntityManager } from "@mikro-orm/core";
import type { ReportLevel } from "../../../shared/auth/report-scope.js";
import type { AttendanceStatus } from "../entities/index.js";
import { PLACE_COLUMN, scopeColumn, type ReportRequest } from "./request.js";
import { aggregate, num, placeholders } from "./sql.js";

/** Absent from the lesson, whatever the reason. LATE is a presence (the student came), counted apart. */
export const ABSENCE_STATUSES: readonly AttendanceStatus[] = ["ABSENT_UNEXCUSED", "ABSENT_EXCUSED", "ILLNESS"];

export interface AttendanceFigures {
  unitId: string;
  students: number;
  /** Lessons with attendance taken, summed over the unit's classes. */
  lessons: number;
  /** Σ over the unit's classes of (class roster × class lessons): the attendances expected. */
  studentLessons: number;
  absences: number;
  late: number;
}

interface Row {
  unit_id: string;
  students: unknown;
  lessons: unknown;
  student_lessons: unknown;
  absences: unknown;
  late: unknown;
}

/**
 * `roster` holds who was on each class's roster at any time of the range (joined no later than `to`,
 * not left by `from`); a student on two classes of one unit counts once for the unit and once per class
 * in the expected attendances. A lesson counts as held when its attendance was taken.
 */
export async function attendanceFigures(em: EntityManager, request: ReportRequest<ReportLevel>): Promise<AttendanceFigures[]> {
  const unit = PLACE_COLUMN[request.groupBy];
  const scope = scopeColumn(request.unit.level);
  const sql = `
    with places as (
      select class_id, ${unit} as unit_id from class_places where ${scope} = ?
    ),
    roster as (
      select distinct r.class_id, r.student_id
      from roster_entries r join places p on p.class_id = r.class_id
      where r.starts_on <= ? and (r.ends_on is null or r.ends_on > ?)
    ),
    class_sizes as (
      select class_id, count(*) as students from roster group by class_id
    ),
    unit_students as (
      select p.unit_id, count(distinct r.student_id) as students
      from roster r join places p on p.class_id = r.class_id
      group by p.unit_id
    ),
    class_marks as (
      select a.class_id,
        count(distinct a.lesson_id) as lessons,
        sum(case when a.status in (${placeholders(ABSENCE_STATUSES)}) then 1 else 0 end) as absences,
        sum(case when a.status = ? then 1 else 0 end) as late
      from attendance_marks a join places p on p.class_id = a.class_id
      where a.date >= ? and a.date <= ?
      group by a.class_id
    )
    select p.unit_id,
      max(coalesce(s.students, 0)) as students,
      sum(coalesce(m.lessons, 0)) as lessons,
      sum(coalesce(c.students, 0) * coalesce(m.lessons, 0)) as student_lessons,
      sum(coalesce(m.absences, 0)) as absences,
      sum(coalesce(m.late, 0)) as late
    from places p
      left join unit_students s on s.unit_id = p.unit_id
      left join class_sizes c on c.class_id = p.class_id
      left join class_marks m on m.class_id = p.class_id
    group by p.unit_id
    order by p.unit_id`;
  const rows = await aggregate<Row>(em, sql, [
    request.unit.id,
    request.to,
    request.from,
    ...ABSENCE_STATUSES,
    "LATE",
    request.from,
    request.to,
  ]);
  return rows.map((row) => ({
    unitId: row.unit_id,
    students: num(row.students),
    lessons: num(row.lessons),
    studentLessons: num(row.student_lessons),
    absences: num(row.absences),
    late: num(row.late),
  }));
}
