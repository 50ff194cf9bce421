/**
 * The journal's share of a subject's personal-data report: every mark and attendance entry about them,
 * each with who entered it and when, every recorded change of those, and the messages teachers sent to
 * their parents about them. Sensitive statuses (illness, the social codes) are listed under their own category.
 */
import { reportPart } from "../../../shared/privacy/report-part.js";
import type { PersonalDataItemType } from "../../../shared/privacy/report-types.js";
import type { JournalContext } from "../context.js";
import { AttendanceMark, Grade, isSensitiveStatus, JournalChange, ParentMessage, type AttendanceStatus } from "../entities/index.js";
import { HISTORY_PURPOSES } from "../types/history.js";
import { ACADEMIC_PURPOSES } from "../types/index.js";

const source = (recordedById: string | null | undefined, recordedAt: Date): string =>
  `E-journal, entered by ${recordedById ? `user ${recordedById}` : "the school"} at ${recordedAt.toISOString()}`;

async function items(ctx: JournalContext, subjectId: string): Promise<PersonalDataItemType[]> {
  const [grades, marks, changes, messages] = await Promise.all([
    ctx.em.find(Grade, { studentId: subjectId }, { orderBy: { date: "asc", recordedAt: "asc" } }),
    ctx.em.find(AttendanceMark, { studentId: subjectId }, { orderBy: { date: "asc", recordedAt: "asc" } }),
    ctx.em.find(JournalChange, { studentId: subjectId }, { orderBy: { changedAt: "asc", id: "asc" } }),
    ctx.em.find(ParentMessage, { studentId: subjectId }, { orderBy: { sentAt: "asc" } }),
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
      category: isSensitiveStatus(m.status) ? "sensitive" : "academic",
      value: `${m.status} on ${m.date}, subject ${m.subjectId}${m.reason ? `: ${m.reason}` : ""}`,
      source: source(m.recordedById, m.recordedAt),
      purposes: [...ACADEMIC_PURPOSES],
    });
  }
  for (const c of changes) {
    const values = [c.oldValue, c.newValue].filter((v): v is string => !!v);
    out.push({
      field: c.cell === "GRADE" ? "Grade.history" : "AttendanceMark.history",
      category: values.some((v) => isSensitiveStatus(v as AttendanceStatus)) || c.oldNote || c.newNote ? "sensitive" : "history",
      value:
        `${c.oldValue ?? "(new)"} → ${c.newValue ?? "(removed)"} on ${c.date}, subject ${c.subjectId}` +
        `${c.oldNote || c.newNote ? ` (note: ${c.oldNote ?? "—"} → ${c.newNote ?? "—"})` : ""}` +
        `${c.reason ? ` (reason: ${c.reason})` : ""}`,
      source: `E-journal history, change by user ${c.changedById} at ${c.changedAt.toISOString()}`,
      purposes: [...HISTORY_PURPOSES],
    });
  }
  for (const m of messages) {
    out.push({
      field: "ParentMessage.text",
      category: "academic",
      value: `${m.topic}: ${m.text ?? "(removed)"}`,
      source: `Message to the parents from user ${m.senderId} at ${m.sentAt.toISOString()}`,
      purposes: [...ACADEMIC_PURPOSES],
    });
  }
  return out;
}

export const journalReportPart = reportPart<JournalContext>("journal", { items });
