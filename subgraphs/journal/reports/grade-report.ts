/** gradeReport's one statement: per unit, roster students, and the count and sum of lesson marks. */
import type { EntityManager } from "@mikro-orm/core";
import type { ReportLevel } from "../../../shared/auth/report-scope.js";
import type { GradeKind } from "../entities/index.js";
import { notBlocked } from "../../../shared/privacy/blocks.js";
import { PLACE_COLUMN, scopeColumn, type ReportRequest } from "./request.js";
import { aggregate, num, placeholders } from "./sql.js";

/** Marks given for work; quarter and annual marks are means of these and would count them twice. */
export const REPORTED_GRADE_KINDS: readonly GradeKind[] = ["CURRENT", "INTERMEDIATE"];

export interface GradeFigures {
  unitId: string;
  /** Classes of the unit whose figures are shown (enough pupils with marks); 0: the row is suppressed. */
  shownClasses: number;
  students: number;
  marks: number;
  /** Sum of the marks' values (the average is sum / marks). */
  total: number;
}

interface Row {
  unit_id: string;
  shown_classes: unknown;
  students: unknown;
  marks: unknown;
  total: unknown;
}

/**
 * A class is shown when at least `minCellSize` pupils have a counted mark in the range (of the subject,
 * when one is asked for): one day of one subject, a handful of marks, stays hidden however large the
 * class. The unit's figures add up its shown classes only, as in the attendance report.
 */
export async function gradeFigures(em: EntityManager, request: ReportRequest<ReportLevel>): Promise<GradeFigures[]> {
  const unit = PLACE_COLUMN[request.groupBy];
  const scope = scopeColumn(request.unit.level);
  const subject = request.subjectId ? "and g.subject_id = ?" : "";
  const blocked = notBlocked("g.student_id", request.blockNames ?? []);
  const sql = `
    with places as (
      select class_id, ${unit} as unit_id from class_places where ${scope} = ?
    ),
    class_marks as (
      select g.class_id, count(distinct g.student_id) as contributors, count(*) as marks, sum(g.value) as total
      from grades g join places p on p.class_id = g.class_id
      where g.date >= ? and g.date <= ? and g.kind in (${placeholders(REPORTED_GRADE_KINDS)}) ${subject}${blocked.sql}
      group by g.class_id
    ),
    shown as (
      select class_id, marks, total from class_marks where contributors >= ?
    ),
    unit_students as (
      select p.unit_id, count(distinct r.student_id) as students
      from roster_entries r join places p on p.class_id = r.class_id join shown s on s.class_id = r.class_id
      where r.starts_on <= ? and (r.ends_on is null or r.ends_on > ?)
      group by p.unit_id
    )
    select p.unit_id,
      count(s.class_id) as shown_classes,
      max(coalesce(us.students, 0)) as students,
      sum(coalesce(s.marks, 0)) as marks,
      sum(coalesce(s.total, 0)) as total
    from places p
      left join shown s on s.class_id = p.class_id
      left join unit_students us on us.unit_id = p.unit_id
    group by p.unit_id
    order by p.unit_id`;
  const rows = await aggregate<Row>(em, sql, [
    request.unit.id,
    request.from,
    request.to,
    ...REPORTED_GRADE_KINDS,
    ...(request.subjectId ? [request.subjectId] : []),
    ...blocked.params,
    request.minCellSize ?? 1,
    request.to,
    request.from,
  ]);
  return rows.map((row) => ({
    unitId: row.unit_id,
    shownClasses: num(row.shown_classes),
    students: num(row.students),
    marks: num(row.marks),
    total: num(row.total),
  }));
}
