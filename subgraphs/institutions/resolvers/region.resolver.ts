import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { localName } from "../../../shared/i18n/names.js";
import type { InstitutionsContext } from "../context.js";
import { Region, type District } from "../entities/index.js";
import { DistrictType, RegionType } from "../types/index.js";

@Resolver(() => RegionType)
export class RegionResolver {
  @Query(() => [RegionType])
  async regions(@Ctx() ctx: InstitutionsContext): Promise<Region[]> {
    return ctx.em.find(Region, {}, { orderBy: { soato: "asc" } });
  }

  @FieldResolver(() => String)
  name(@Root() region: Region, @Ctx() ctx: InstitutionsContext): string {
    return localName({ latn: region.nameLatn, cyrl: region.nameCyrl, ru: region.nameRu }, ctx.locale);
  }

  @FieldResolver(() => [DistrictType])
  districts(@Root() region: Region, @Ctx() ctx: InstitutionsContext): Promise<District[]> {
    return ctx.loaders.districtsByRegion.load(region.id);
  }
}
