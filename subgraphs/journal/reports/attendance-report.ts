/** attendanceReport's one statement: per unit, roster students, lessons with attendance taken, absences. */
import type { EntityManager } from "@mikro-orm/core";
import type { ReportLevel } from "../../../shared/auth/report-scope.js";
import type { AttendanceStatus } from "../entities/index.js";
import { notBlocked } from "../../../shared/privacy/blocks.js";
import { PLACE_COLUMN, scopeColumn, type ReportRequest } from "./request.js";
import { aggregate, num, placeholders } from "./sql.js";

/** Absent from the lesson, whatever the reason. LATE is a presence (the student came), counted apart. */
export const ABSENCE_STATUSES: readonly AttendanceStatus[] = ["ABSENT_UNEXCUSED", "ABSENT_EXCUSED", "ILLNESS"];

export interface AttendanceFigures {
  unitId: string;
  /** Classes of the unit whose figures are shown (enough contributing pupils); 0: the row is suppressed. */
  shownClasses: number;
  students: number;
  /** Lessons with attendance taken, summed over the unit's shown classes. */
  lessons: number;
  /** Σ over the unit's shown classes of (class roster × class lessons): the attendances expected. */
  studentLessons: number;
  absences: number;
  late: number;
}

interface Row {
  unit_id: string;
  shown_classes: unknown;
  students: unknown;
  lessons: unknown;
  student_lessons: unknown;
  absences: unknown;
  late: unknown;
}

/**
 * `roster` holds who was on each class's roster at any time of the range (joined no later than `to`,
 * not left by `from`); a student on two classes of one unit counts once for the unit and once per class
 * in the expected attendances. A lesson counts as held when its attendance was taken. A class is shown
 * when at least `minCellSize` pupils have attendance marks in the range (the pupils the figures rest on);
 * the unit's figures add up its shown classes only, so a suppressed class cannot be recovered as the
 * unit's total minus the other classes.
 */
export async function attendanceFigures(em: EntityManager, request: ReportRequest<ReportLevel>): Promise<AttendanceFigures[]> {
  const unit = PLACE_COLUMN[request.groupBy];
  const scope = scopeColumn(request.unit.level);
  const blocked = notBlocked("a.student_id", request.blockNames ?? []);
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
    class_marks as (
      select a.class_id,
        count(distinct a.student_id) as contributors,
        count(distinct a.lesson_id) as lessons,
        sum(case when a.status in (${placeholders(ABSENCE_STATUSES)}) then 1 else 0 end) as absences,
        sum(case when a.status = ? then 1 else 0 end) as late
      from attendance_marks a join places p on p.class_id = a.class_id
      where a.date >= ? and a.date <= ?${blocked.sql}
      group by a.class_id
    ),
    shown as (
      select class_id from class_marks where contributors >= ?
    ),
    unit_students as (
      select p.unit_id, count(distinct r.student_id) as students
      from roster r join places p on p.class_id = r.class_id join shown s on s.class_id = r.class_id
      group by p.unit_id
    )
    select p.unit_id,
      count(s.class_id) as shown_classes,
      max(coalesce(us.students, 0)) as students,
      sum(case when s.class_id is null then 0 else coalesce(m.lessons, 0) end) as lessons,
      sum(case when s.class_id is null then 0 else coalesce(c.students, 0) * coalesce(m.lessons, 0) end) as student_lessons,
      sum(case when s.class_id is null then 0 else coalesce(m.absences, 0) end) as absences,
      sum(case when s.class_id is null then 0 else coalesce(m.late, 0) end) as late
    from places p
      left join shown s on s.class_id = p.class_id
      left join unit_students us on us.unit_id = p.unit_id
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
    ...blocked.params,
    request.minCellSize ?? 1,
  ]);
  return rows.map((row) => ({
    unitId: row.unit_id,
    shownClasses: num(row.shown_classes),
    students: num(row.students),
    lessons: num(row.lessons),
    studentLessons: num(row.student_lessons),
    absences: num(row.absences),
    late: num(row.late),
  }));
}
