import { Args, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { AuthedContext } from "../../../shared/context.js";
import { NotFoundError } from "../../../shared/errors.js";
import type { InstitutionsContext } from "../context.js";
import type { School } from "../entities/index.js";
import { promoteClasses, type SchoolPromotion } from "../promotion.js";
import { SchoolType } from "../types/index.js";
import { PromoteClassesArgs, SchoolPromotionType } from "../types/promotion.js";

/** The year's rollover: a school's administration promotes its classes, the ministry any or every school. */
@Resolver(() => SchoolPromotionType)
export class SchoolPromotionResolver {
  @Mutation(() => [SchoolPromotionType], { description: "Moves a school year's classes on to the next year; grade 11 graduates" })
  promoteClasses(
    @Args(() => PromoteClassesArgs) args: PromoteClassesArgs,
    @Ctx() ctx: AuthedContext<InstitutionsContext>,
  ): Promise<SchoolPromotion[]> {
    return promoteClasses(ctx, args);
  }

  @FieldResolver(() => SchoolType)
  async school(@Root() promotion: SchoolPromotion, @Ctx() ctx: InstitutionsContext): Promise<School> {
    return (await ctx.loaders.school.load(promotion.schoolId)) ?? Promise.reject(new NotFoundError("School"));
  }
}
