import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import { personalData } from "../../../shared/auth/personal-data.js";
import type { InstitutionsContext } from "../context.js";
import type { School, SchoolClass } from "../entities/index.js";
import { ENROLMENT_PURPOSES, SchoolClassType, SchoolType, UserRef } from "../types/index.js";

/** Where a person studies or works: the institutions subgraph's contribution to User. */
@Resolver(() => UserRef)
export class UserInstitutionsResolver {
  @FieldResolver(() => SchoolType, { nullable: true, description: "A student's or staff member's school" })
  @Directive(personalData("enrolment", ENROLMENT_PURPOSES))
  async school(@Root() user: UserRef, @Ctx() ctx: InstitutionsContext): Promise<School | null> {
    const enrolment = (await ctx.loaders.enrolmentsByStudent.load(user.id))[0];
    if (enrolment) {
      const schoolClass = await ctx.loaders.schoolClass.load(enrolment.classId);
      return schoolClass ? ctx.loaders.school.load(schoolClass.schoolId) : null;
    }
    const membership = (await ctx.loaders.membershipsByUser.load(user.id)).find((m) => m.schoolId);
    return membership?.schoolId ? ctx.loaders.school.load(membership.schoolId) : null;
  }

  @FieldResolver(() => SchoolClassType, { nullable: true, description: "A student's current class" })
  @Directive(personalData("enrolment", ENROLMENT_PURPOSES))
  async schoolClass(@Root() user: UserRef, @Ctx() ctx: InstitutionsContext): Promise<SchoolClass | null> {
    const enrolment = (await ctx.loaders.enrolmentsByStudent.load(user.id))[0];
    return enrolment ? ctx.loaders.schoolClass.load(enrolment.classId) : null;
  }
}
