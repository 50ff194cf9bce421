import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import { PARTNER_ROLE, type PartnerLevel } from "../../../shared/auth/partners.js";
import { localName } from "../../../shared/i18n/names.js";
import { reportTypesOf, type AccessRecordType } from "../../../shared/privacy/report-types.js";
import type { UsersContext } from "../context.js";
import type { Placement } from "../entities/index.js";

/** "SCHOOL:<id>", "DISTRICT:<id>", "REGION:<id>", "MINISTRY" or "OPERATOR": a place institutions can name. */
type Place = string;

const placeOfUnit = (level: PartnerLevel, unitId: string | null | undefined): Place | null =>
  level === "MINISTRY" ? "MINISTRY" : unitId ? `${level}:${unitId}` : null;

/** Where a member of staff works, by the role they acted in (a person may hold more than one). */
function placeOfMembership(role: string, placements: Placement[]): Place | null {
  const membership = placements.find((p) => p.kind === "MEMBERSHIP" && p.role === role);
  if (role === "MINISTRY_OFFICIAL") return "MINISTRY";
  if (role === "DATA_PROTECTION_OFFICER") return "OPERATOR";
  if (!membership) return null;
  if (role === "REGION_OFFICIAL") return placeOfUnit("REGION", membership.regionId);
  if (role === "DISTRICT_OFFICIAL") return placeOfUnit("DISTRICT", membership.districtId);
  return placeOfUnit("SCHOOL", membership.schoolId);
}

/**
 * Who an accessor in a subject's report is, from this subgraph's own data: a person's name or a partner
 * client's, and where they work. Only reachable inside a report the caller may read (myPersonalData checks
 * the reader), so it tells the subject no more than the law gives them. Loaders batch the whole list.
 */
@Resolver(() => reportTypesOf("users").AccessRecord)
export class AccessRecordResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: "The person (or partner client) who was given the data; null once their account is anonymised",
  })
  async accessorName(@Root() record: AccessRecordType, @Ctx() ctx: UsersContext): Promise<string | null> {
    if (record.accessorRole === PARTNER_ROLE) return (await ctx.loaders.partnerClient.load(record.accessorId))?.name ?? null;
    const user = await ctx.loaders.user.load(record.accessorId);
    return user?.fullName ? localName({ latn: user.fullName, cyrl: user.fullNameCyrl }, ctx.locale) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Internal: the accessor's place, for institutions to name as accessorOrganisation",
  })
  @Directive("@inaccessible")
  async accessorPlace(@Root() record: AccessRecordType, @Ctx() ctx: UsersContext): Promise<Place | null> {
    if (record.accessorRole === PARTNER_ROLE) {
      const client = await ctx.loaders.partnerClient.load(record.accessorId);
      return client ? placeOfUnit(client.scopeLevel, client.scopeUnitId) : null;
    }
    return placeOfMembership(record.accessorRole, await ctx.loaders.placementsByUser.load(record.accessorId));
  }
}
