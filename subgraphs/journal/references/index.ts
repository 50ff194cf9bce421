/** `__resolveReference` for every entity this subgraph can resolve by key. */
import { journalReportPart } from "../privacy/report-part.js";
import type { ReferenceResolver } from "../../../shared/federation/build-subgraph.js";
import type { JournalContext } from "../context.js";

type Ref = { id: string };

export const journalReferences: Record<string, ReferenceResolver<JournalContext>> = {
  Lesson: (ref: Ref, ctx) => ctx.loaders.lesson.load(ref.id),
  // A Grade reached by key is still guarded field by field (type-level @personalData).
  Grade: (ref: Ref, ctx) => ctx.loaders.grade.load(ref.id),
  User: (ref: Ref) => ({ id: ref.id }),
  SchoolClass: (ref: Ref) => ({ id: ref.id }),
  Subject: (ref: Ref) => ({ id: ref.id }),
  PersonalDataReport: journalReportPart.reference,
};
