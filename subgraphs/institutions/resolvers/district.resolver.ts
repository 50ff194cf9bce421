import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { NotFoundError } from "../../../shared/errors.js";
import { localName } from "../../../shared/i18n/names.js";
import type { InstitutionsContext } from "../context.js";
import type { District, Region, School } from "../entities/index.js";
import { DistrictType, RegionType, SchoolType } from "../types/index.js";

@Resolver(() => DistrictType)
export class DistrictResolver {
  @FieldResolver(() => String)
  name(@Root() district: District, @Ctx() ctx: InstitutionsContext): string {
    return localName({ latn: district.nameLatn, cyrl: district.nameCyrl, ru: district.nameRu }, ctx.locale);
  }

  @FieldResolver(() => RegionType)
  async region(@Root() district: District, @Ctx() ctx: InstitutionsContext): Promise<Region> {
    return (await ctx.loaders.region.load(district.regionId)) ?? Promise.reject(new NotFoundError("Region"));
  }

  @FieldResolver(() => [SchoolType])
  schools(@Root() district: District, @Ctx() ctx: InstitutionsContext): Promise<School[]> {
    return ctx.loaders.schoolsByDistrict.load(district.id);
  }
}
