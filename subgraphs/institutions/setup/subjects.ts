/** The national subject catalogue, kept by the ministry, and the subjects each school chooses from it. */
import { randomUUID } from "node:crypto";
import { BadUserInputError, NotFoundError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import { SchoolSubject, Subject } from "../entities/index.js";
import { administeredSchool, assertRole, type Ctx } from "./authority.js";
import { checkName } from "./names.js";

export async function addCatalogueSubject(ctx: Ctx, input: { name: string; nameRu?: string | null }): Promise<Subject> {
  assertRole(ctx, ["MINISTRY_OFFICIAL"], "keep the national subject catalogue");
  const nameLatn = checkName(input.name, "input.name");
  const nameRu = input.nameRu ? checkName(input.nameRu, "input.nameRu") : undefined;
  if ((await ctx.em.count(Subject, { nameLatn })) > 0) throw new BadUserInputError("input.name", "the catalogue already has this subject");
  const subject = ctx.em.create(Subject, { id: randomUUID(), nameLatn, nameRu });
  await ctx.em.persistAndFlush(subject);
  return subject;
}

/** Adds catalogue subjects to the school's choice; ones already chosen stay as they are. */
export async function chooseSchoolSubjects(ctx: Ctx, args: { schoolId: string; subjectIds: string[] }): Promise<Subject[]> {
  const school = await administeredSchool(ctx, args.schoolId);
  const ids = [...new Set(args.subjectIds.map((id, i) => parseId(id, `subjectIds[${i}]`)))];
  const subjects = await ctx.em.find(Subject, { id: { $in: ids } });
  if (subjects.length !== ids.length) throw new NotFoundError("Subject");
  const chosen = new Set((await ctx.em.find(SchoolSubject, { schoolId: school.id })).map((s) => s.subjectId));
  await ctx.em.transactional(async (em) => {
    for (const id of ids.filter((id) => !chosen.has(id)))
      em.persist(em.create(SchoolSubject, { id: randomUUID(), schoolId: school.id, subjectId: id }));
  });
  return schoolSubjects(ctx, school.id);
}

export async function schoolSubjects(ctx: Ctx | { em: Ctx["em"] }, schoolId: string): Promise<Subject[]> {
  const chosen = await ctx.em.find(SchoolSubject, { schoolId });
  if (chosen.length === 0) return [];
  return ctx.em.find(Subject, { id: { $in: chosen.map((c) => c.subjectId) } }, { orderBy: { nameLatn: "asc" } });
}

export async function assertSchoolTeaches(ctx: Ctx, schoolId: string, subjectId: string, field: string): Promise<void> {
  if ((await ctx.em.count(SchoolSubject, { schoolId, subjectId })) === 0) {
    throw new BadUserInputError(field, "the school has not chosen this subject from the catalogue");
  }
}
