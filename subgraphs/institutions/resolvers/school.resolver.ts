import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { NotFoundError } from "../../../shared/errors.js";
import { localName } from "../../../shared/i18n/names.js";
import { parseId } from "../../../shared/ids.js";
import type { InstitutionsContext } from "../context.js";
import type { District, School, SchoolClass } from "../entities/index.js";
import { DistrictType, SchoolClassType, SchoolType } from "../types/index.js";

@Resolver(() => SchoolType)
export class SchoolResolver {
  @Query(() => SchoolType, { nullable: true })
  school(@Arg("id", () => ID) id: string, @Ctx() ctx: InstitutionsContext): Promise<School | null> {
    return ctx.loaders.school.load(parseId(id, "id"));
  }

  @FieldResolver(() => String)
  name(@Root() school: School, @Ctx() ctx: InstitutionsContext): string {
    return localName({ latn: school.nameLatn, cyrl: school.nameCyrl }, ctx.locale);
  }

  @FieldResolver(() => DistrictType)
  async district(@Root() school: School, @Ctx() ctx: InstitutionsContext): Promise<District> {
    return (await ctx.loaders.district.load(school.districtId)) ?? Promise.reject(new NotFoundError("District"));
  }

  @FieldResolver(() => [SchoolClassType])
  classes(@Root() school: School, @Ctx() ctx: InstitutionsContext): Promise<SchoolClass[]> {
    return ctx.loaders.classesBySchool.load(school.id);
  }
}
