/**
 * The journal's share of a subject's personal-data report: every mark and attendance entry about them,
 * each with who entered it and when. Health data (an illness absence) is listed under its own category.
 */
import { reportPart } from "../../../shared/privacy/report-part.js";
import type { PersonalDataItemType } from "../../../shared/privacy/report-types.js";
import type { JournalContext } from "../context.js";
import { AttendanceMark, Grade } from "../entities/index.js";
import { ACADEMIC_PURPOSES } from "../types/index.js";

const SENSITIVE_STATUSES: readonly string[] = ["ILLNESS"];

const source = (recordedById: string | null | undefined, recordedAt: Date): string =>
  `E-journal, entered by ${recordedById ? `user ${recordedById}` : "the school"} at ${recordedAt.toISOString()}`;

async function items(ctx: JournalContext, subjectId: string): Promise<PersonalDataItemType[]> {
  const [grades, marks] = await Promise.all([
    ctx.em.find(Grade, { studentId: subjectId }, { orderBy: { date: "asc", recordedAt: "asc" } }),
    ctx.em.find(AttendanceMark, { studentId: subjectId }, { orderBy: { date: "asc", recordedAt: "asc" } }),
  ]);
  const out: PersonalDataItemType[] = grades.map((g) => ({
    field: "User.grades",
    category: "academic",
    value: `${g.value} (${g.kind}) on ${g.date}, subject ${g.subjectId}${g.comment ? `: ${g.comment}` : ""}`,
    source: source(g.recordedById, g.recordedAt),
    purposes: [...ACADEMIC_PURPOSES],
  }));
  for (const m of marks) {
    out.push({
      field: "User.attendance",
      category: SENSITIVE_STATUSES.includes(m.status) ? "sensitive" : "academic",
      value: `${m.status} on ${m.date}, subject ${m.subjectId}${m.reason ? `: ${m.reason}` : ""}`,
      source: source(m.recordedById, m.recordedAt),
      purposes: [...ACADEMIC_PURPOSES],
    });
  }
  return out;
}

export const journalReportPart = reportPart<JournalContext>("journal", { items });
