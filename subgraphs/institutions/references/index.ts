/** `__resolveReference` for every entity this subgraph can resolve by key. */
import { institutionsReportPart } from "../privacy/report-part.js";
import type { ReferenceResolver } from "../../../shared/federation/build-subgraph.js";
import type { InstitutionsContext } from "../context.js";

type Ref = { id: string };
type UnitRef = { unitId: string; unitKind: string };

/** A report row gains its unit's name; a place institutions no longer holds shows its id rather than nothing. */
const reportUnit =
  (fallbackToId: boolean) =>
  async (ref: UnitRef, ctx: InstitutionsContext): Promise<UnitRef & { unitName: string | null }> => {
    const name = await ctx.loaders.unitName.load({ kind: ref.unitKind, id: ref.unitId });
    return { ...ref, unitName: name ?? (fallbackToId ? ref.unitId : null) };
  };

export const institutionsReferences: Record<string, ReferenceResolver<InstitutionsContext>> = {
  Region: (ref: Ref, ctx) => ctx.loaders.region.load(ref.id),
  District: (ref: Ref, ctx) => ctx.loaders.district.load(ref.id),
  School: (ref: Ref, ctx) => ctx.loaders.school.load(ref.id),
  SchoolClass: (ref: Ref, ctx) => ctx.loaders.schoolClass.load(ref.id),
  Subject: (ref: Ref, ctx) => ctx.loaders.subject.load(ref.id),
  User: (ref: Ref) => ({ id: ref.id }),
  PersonalDataReport: institutionsReportPart.reference,
  AttendanceSummary: reportUnit(true),
  GradeSummary: reportUnit(true),
  JournalTimelinessSummary: reportUnit(false),
  // Everything accessorOrganisation needs comes in the representation (its @requires).
  AccessRecord: (ref: { accessorId: string; accessorRole: string; accessorPlace?: string | null }) => ref,
};
