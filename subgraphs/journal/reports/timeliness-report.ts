/** journalTimelinessReport's one statement: per unit, lesson marks and how many were in by the deadline. */
import type { EntityManager } from "@mikro-orm/core";
import type { TimelinessGrouping } from "../../../shared/federation/enums.js";
import { PLACE_COLUMN, scopeColumn, type ReportRequest } from "./request.js";
import { aggregate, dialectOf, num, type Dialect } from "./sql.js";

/** 21:00 in Tashkent is 16:00 UTC: Uzbekistan keeps UTC+5 all year. */
export const DEADLINE_HOUR_TASHKENT = 21;
const TASHKENT_UTC_OFFSET_HOURS = 5;
const DEADLINE_SECONDS = (DEADLINE_HOUR_TASHKENT - TASHKENT_UTC_OFFSET_HOURS) * 3600;

/**
 * "Entered by the deadline of the lesson day": recorded_at (the last write of the mark) no later than
 * the lesson's date at 16:00 UTC. SQLite keeps instants as epoch milliseconds, PostgreSQL as timestamptz.
 */
function onTime(dialect: Dialect): string {
  return dialect === "postgres"
    ? `g.recorded_at <= (cast(l.date as timestamp) + interval '${DEADLINE_SECONDS} seconds') at time zone 'UTC'`
    : `g.recorded_at <= (cast(strftime('%s', l.date) as integer) + ${DEADLINE_SECONDS}) * 1000`;
}

export interface TimelinessFigures {
  unitId: string;
  marks: number;
  onTime: number;
}

interface Row {
  unit_id: string;
  marks: unknown;
  on_time: unknown;
}

/**
 * Every unit of the scope that has classes gets a row, marks or not (a school that enters nothing is the
 * one to notice); per teacher, every teacher who gave a lesson of the scope in the range.
 */
export async function timelinessFigures(em: EntityManager, request: ReportRequest<TimelinessGrouping>): Promise<TimelinessFigures[]> {
  const groupBy = request.groupBy;
  const byTeacher = groupBy === "TEACHER";
  const unit = groupBy === "TEACHER" ? "l.teacher_id" : `p.${PLACE_COLUMN[groupBy]}`;
  const subject = request.subjectId ? "and l.subject_id = ?" : "";
  const sql = `
    select ${unit} as unit_id,
      count(g.id) as marks,
      sum(case when ${onTime(dialectOf(em))} then 1 else 0 end) as on_time
    from class_places p
      ${byTeacher ? "join" : "left join"} lessons l on l.class_id = p.class_id and l.date >= ? and l.date <= ? ${subject}
      left join grades g on g.lesson_id = l.id
    where ${scopeColumn(request.unit.level, "p")} = ? ${byTeacher ? "and l.teacher_id is not null" : ""}
    group by ${unit}
    order by ${unit}`;
  const rows = await aggregate<Row>(em, sql, [
    request.from,
    request.to,
    ...(request.subjectId ? [request.subjectId] : []),
    request.unit.id,
  ]);
  return rows.map((row) => ({ unitId: row.unit_id, marks: num(row.marks), onTime: num(row.on_time) }));
}
