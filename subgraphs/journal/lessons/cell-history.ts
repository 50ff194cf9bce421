/**
 * The history of journal cells (DESIGN.md §4: every cell change keeps old value, new value, who, when).
 * Only the writers in this folder call it, inside the transaction that changes the cell, so a change and
 * its history row commit together or not at all.
 */
import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import { JournalChange, type AttendanceMark, type Grade } from "../entities/index.js";

/** What a grade cell held before a change (absent: it did not exist). */
export interface GradeBefore {
  value: number;
  comment: string | null;
}

/** What an attendance cell held before a change. */
export interface AttendanceBefore {
  status: string;
  reason: string | null;
}

export function noteGradeChange(em: EntityManager, grade: Grade, before: GradeBefore | undefined, by: string, at: Date): void {
  em.persist(
    em.create(JournalChange, {
      id: randomUUID(),
      cell: "GRADE",
      cellId: grade.id,
      studentId: grade.studentId,
      classId: grade.classId,
      subjectId: grade.subjectId,
      lessonId: grade.lessonId ?? null,
      date: grade.date,
      gradeKind: grade.kind,
      oldValue: before ? String(before.value) : null,
      newValue: String(grade.value),
      oldNote: before?.comment ?? null,
      newNote: grade.comment ?? null,
      changedById: by,
      changedAt: at,
    }),
  );
}

/** A mark removed: its last value, no new one, and the reason the remover gave. */
export function noteGradeRemoval(em: EntityManager, grade: Grade, reason: string, by: string, at: Date): void {
  em.persist(
    em.create(JournalChange, {
      id: randomUUID(),
      cell: "GRADE",
      cellId: grade.id,
      studentId: grade.studentId,
      classId: grade.classId,
      subjectId: grade.subjectId,
      lessonId: grade.lessonId ?? null,
      date: grade.date,
      gradeKind: grade.kind,
      oldValue: String(grade.value),
      newValue: null,
      oldNote: grade.comment ?? null,
      newNote: null,
      reason,
      changedById: by,
      changedAt: at,
    }),
  );
}

export function noteAttendanceChange(
  em: EntityManager,
  mark: AttendanceMark,
  before: AttendanceBefore | undefined,
  by: string,
  at: Date,
): void {
  em.persist(
    em.create(JournalChange, {
      id: randomUUID(),
      cell: "ATTENDANCE",
      cellId: mark.id,
      studentId: mark.studentId,
      classId: mark.classId,
      subjectId: mark.subjectId,
      lessonId: mark.lessonId,
      date: mark.date,
      oldValue: before?.status ?? null,
      newValue: mark.status,
      oldNote: before?.reason ?? null,
      newNote: mark.reason ?? null,
      changedById: by,
      changedAt: at,
    }),
  );
}
