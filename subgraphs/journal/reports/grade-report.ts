/** gradeReport's one statement: per unit, roster students, and the count and sum of lesson marks. */
import type { EntityManager } from "@mikro-orm/core";
import type { ReportLevel } from "../../../shared/auth/report-scope.js";
import type { GradeKind } from "../entities/index.js";
import { PLACE_COLUMN, scopeColumn, type ReportRequest } from "./request.js";
import { aggregate, num, placeholders } from "./sql.js";

/** Marks given for work; quarter and annual marks are means of these and would count them twice. */
export const REPORTED_GRADE_KINDS: readonly GradeKind[] = ["CURRENT", "INTERMEDIATE"];

export interface GradeFigures {
  unitId: string;
  students: number;
  marks: number;
  /** Sum of the marks' values (the average is sum / marks). */
  total: number;
}

interface Row {
  unit_id: string;
  students: unknown;
  marks: unknown;
  total: unknown;
}

export async function gradeFigures(em: EntityManager, request: ReportRequest<ReportLevel>): Promise<GradeFigures[]> {
  const unit = PLACE_COLUMN[request.groupBy];
  const scope = scopeColumn(request.unit.level);
  const subject = request.subjectId ? "and g.subject_id = ?" : "";
  const sql = `
    with places as (
      select class_id, ${unit} as unit_id from class_places where ${scope} = ?
    ),
    unit_students as (
      select p.unit_id, count(distinct r.student_id) as students
      from roster_entries r join places p on p.class_id = r.class_id
      where r.starts_on <= ? and (r.ends_on is null or r.ends_on > ?)
      group by p.unit_id
    ),
    unit_marks as (
      select p.unit_id, count(*) as marks, sum(g.value) as total
      from grades g join places p on p.class_id = g.class_id
      where g.date >= ? and g.date <= ? and g.kind in (${placeholders(REPORTED_GRADE_KINDS)}) ${subject}
      group by p.unit_id
    )
    select u.unit_id, coalesce(s.students, 0) as students, coalesce(m.marks, 0) as marks, coalesce(m.total, 0) as total
    from (select distinct unit_id from places) u
      left join unit_students s on s.unit_id = u.unit_id
      left join unit_marks m on m.unit_id = u.unit_id
    order by u.unit_id`;
  const rows = await aggregate<Row>(em, sql, [
    request.unit.id,
    request.to,
    request.from,
    request.from,
    request.to,
    ...REPORTED_GRADE_KINDS,
    ...(request.subjectId ? [request.subjectId] : []),
  ]);
  return rows.map((row) => ({ unitId: row.unit_id, students: num(row.students), marks: num(row.marks), total: num(row.total) }));
}
