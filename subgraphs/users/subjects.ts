/**
 * The data subjects behind this subgraph's personal fields, built from users' own tables: the role on
 * the account, guardianships, and the placements replicated from institutions.
 */
import type { SubjectOf } from "../../shared/auth/enforce.js";
import type { DataSubject } from "../../shared/auth/subject.js";
import type { UsersContext } from "./context.js";
import type { Consent, Placement, User } from "./entities/index.js";

const unique = (values: Array<string | undefined | null>): string[] => [...new Set(values.filter((v): v is string => !!v))];

function placed(id: string, kind: DataSubject["kind"], territory: Placement[], classes: Placement[]): DataSubject {
  return {
    id,
    kind,
    classIds: unique(classes.map((p) => p.classId)),
    schoolIds: unique(territory.map((p) => p.schoolId)),
    districtIds: unique(territory.map((p) => p.districtId)),
    regionIds: unique(territory.map((p) => p.regionId)),
  };
}

const ofKind = (placements: Placement[], ...kinds: Placement["kind"][]): Placement[] => placements.filter((p) => kinds.includes(p.kind));

/** A person as the policy sees them. Batched: a list of people costs one query per loader, not per person. */
export async function userSubject(ctx: UsersContext, user: Pick<User, "id"> & Partial<Pick<User, "role">>): Promise<DataSubject | null> {
  const role = user.role ?? (await ctx.loaders.user.load(user.id))?.role;
  if (!role) return null;
  if (role === "STUDENT") {
    const [current, history] = await Promise.all([
      ctx.loaders.placementsByUser.load(user.id),
      ctx.loaders.enrolmentHistoryByUser.load(user.id),
    ]);
    const enrolments = ofKind(current, "ENROLMENT");
    // Ended enrolments too: the school a student left still relates to the name on the rows it keeps.
    const spans = history.flatMap((p) =>
      p.classId && p.schoolId
        ? [
            {
              classId: p.classId,
              schoolId: p.schoolId,
              districtId: p.districtId ?? undefined,
              regionId: p.regionId ?? undefined,
              from: p.startsOn,
              to: p.endsOn,
            },
          ]
        : [],
    );
    return { ...placed(user.id, "STUDENT", enrolments, enrolments), enrolments: spans };
  }
  if (role === "PARENT") {
    const links = await ctx.loaders.guardianshipsByParent.load(user.id);
    const perChild = await ctx.loaders.placementsByUser.loadMany(links.map((g) => g.studentId));
    const enrolments = ofKind(
      perChild.flatMap((p) => (p instanceof Error ? [] : p)),
      "ENROLMENT",
    );
    return placed(user.id, "PARENT", enrolments, enrolments);
  }
  const placements = await ctx.loaders.placementsByUser.load(user.id);
  return placed(user.id, "STAFF", ofKind(placements, "MEMBERSHIP"), ofKind(placements, "TEACHING", "HOMEROOM"));
}

export const usersSubjects: Record<string, SubjectOf<UsersContext>> = {
  User: (user: User, ctx) => userSubject(ctx, user),
  // A consent is personal data of the person it belongs to, whoever gave it.
  Consent: (consent: Consent, ctx) => userSubject(ctx, { id: consent.subjectId }),
};
