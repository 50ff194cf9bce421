import { Arg, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { personalData } from "../../../shared/auth/personal-data.js";
import { NotFoundError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import type { InstitutionsContext } from "../context.js";
import type { School, SchoolClass, Subject } from "../entities/index.js";
import { SchoolClassType, SchoolType, SubjectType, UserRef } from "../types/index.js";

@Resolver(() => SchoolClassType)
export class SchoolClassResolver {
  @Query(() => SchoolClassType, { nullable: true })
  schoolClass(@Arg("id", () => ID) id: string, @Ctx() ctx: InstitutionsContext): Promise<SchoolClass | null> {
    return ctx.loaders.schoolClass.load(parseId(id, "id"));
  }

  @FieldResolver(() => SchoolType)
  async school(@Root() schoolClass: SchoolClass, @Ctx() ctx: InstitutionsContext): Promise<School> {
    return (await ctx.loaders.school.load(schoolClass.schoolId)) ?? Promise.reject(new NotFoundError("School"));
  }

  @FieldResolver(() => UserRef, { nullable: true })
  homeroomTeacher(@Root() schoolClass: SchoolClass): UserRef | null {
    return schoolClass.homeroomTeacherId ? { id: schoolClass.homeroomTeacherId } : null;
  }

  @FieldResolver(() => [UserRef], { nullable: true })
  @Directive(personalData("enrolment", ["JOURNAL", "ADMINISTRATION", "SELF_SERVICE", "PARENT_NOTIFICATION"]))
  async students(@Root() schoolClass: SchoolClass, @Ctx() ctx: InstitutionsContext): Promise<UserRef[]> {
    const enrolments = await ctx.loaders.enrolmentsByClass.load(schoolClass.id);
    return enrolments.map((e) => ({ id: e.studentId }));
  }

  @FieldResolver(() => [SubjectType])
  async subjects(@Root() schoolClass: SchoolClass, @Ctx() ctx: InstitutionsContext): Promise<Subject[]> {
    const assignments = await ctx.loaders.assignmentsByClass.load(schoolClass.id);
    const ids = [...new Set(assignments.map((a) => a.subjectId))];
    const subjects = await ctx.loaders.subject.loadMany(ids);
    return subjects.filter((s): s is Subject => !!s && !(s instanceof Error)).sort((a, b) => a.nameLatn.localeCompare(b.nameLatn));
  }
}
