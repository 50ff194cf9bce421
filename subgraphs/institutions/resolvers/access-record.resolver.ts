import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import type { Locale } from "../../../shared/i18n/locale.js";
import { reportTypesOf } from "../../../shared/privacy/report-types.js";
import type { InstitutionsContext } from "../context.js";

/** The two places that are no unit of the school system. */
const FIXED_PLACES: Record<"MINISTRY" | "OPERATOR", Record<Locale, string>> = {
  MINISTRY: {
    UZ_LATN: "Maktabgacha va maktab ta’limi vazirligi",
    UZ_CYRL: "Мактабгача ва мактаб таълими вазирлиги",
    RU: "Министерство дошкольного и школьного образования",
    EN: "Ministry of Preschool and School Education",
  },
  OPERATOR: {
    UZ_LATN: "Tizim operatori",
    UZ_CYRL: "Тизим оператори",
    RU: "Оператор системы",
    EN: "System operator",
  },
};

/**
 * Names the place the users subgraph found for an accessor (AccessRecord.accessorPlace, computed where the
 * report is authorised). Institutions only turns a place into its public name, so a direct call learns
 * nothing it could not read from `school(id)`; the unit-name loader reads each kind once per request.
 */
@Resolver(() => reportTypesOf("institutions").AccessRecord)
export class AccessRecordOrganisationResolver {
  @FieldResolver(() => String, { nullable: true, description: "Internal: the accessor's place, given by the users subgraph" })
  @Directive("@external")
  accessorPlace(@Root() record: { accessorPlace?: string | null }): string | null {
    return record.accessorPlace ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The accessor's school, district, region, the ministry or the operator; a partner's scope",
  })
  @Directive(`@requires(fields: "accessorPlace")`)
  async accessorOrganisation(@Root() record: { accessorPlace?: string | null }, @Ctx() ctx: InstitutionsContext): Promise<string | null> {
    const place = record.accessorPlace;
    if (!place) return null;
    if (place === "MINISTRY" || place === "OPERATOR") return FIXED_PLACES[place][ctx.locale];
    const [kind, id] = place.split(":");
    return kind && id ? ctx.loaders.unitName.load({ kind, id }) : null;
  }
}
