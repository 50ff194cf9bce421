import { Arg, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { NotFoundError } from "../../../shared/errors.js";
import { authoriseReport } from "../../../shared/privacy/report-access.js";
import {
  PART_SELECTION,
  reportTypesOf,
  type AccessRecordType,
  type DisclosureType,
  type PersonalDataItemType,
} from "../../../shared/privacy/report-types.js";
import type { UsersContext } from "../context.js";
import type { User } from "../entities/index.js";
import { mergeAccesses, mergeDisclosures, mergeItems, partsOf } from "../privacy/report-merge.js";
import { usersReportItems } from "../privacy/report-items.js";
import { auditTrailOf, type AuditTrail } from "../../../shared/privacy/audit-trail.js";
import { PersonalDataReportType, UserType } from "../types/index.js";

const { AccessRecord, Disclosure, PersonalDataItem } = reportTypesOf("users");

const REQUIRES = `@requires(fields: "${["institutionsPart", "journalPart", "notificationsPart"].map((p) => `${p} { ${PART_SELECTION} }`).join(" ")}")`;

/** This subgraph's audit of the subject, read once per report however many of its fields are asked. */
const trails = new WeakMap<PersonalDataReportType, Promise<AuditTrail>>();
function ownTrail(report: PersonalDataReportType, ctx: UsersContext): Promise<AuditTrail> {
  let trail = trails.get(report);
  if (!trail) {
    trail = auditTrailOf(ctx.em, report.subjectId, ctx.caller!);
    trails.set(report, trail);
  }
  return trail;
}

/**
 * The data subject's report (DESIGN.md §6). The root field only checks who asks and names the subject;
 * the gateway then fetches each subgraph's part and hands them back here (@requires) to be merged with
 * what this subgraph holds. Each part's subgraph checks the reader again on its own.
 */
@Resolver(() => PersonalDataReportType)
export class PersonalDataResolver {
  @Query(() => PersonalDataReportType, { description: "subjectId: a parent asking for a child" })
  async myPersonalData(
    @Arg("subjectId", () => ID, { nullable: true }) subjectId: string | undefined,
    @Ctx() ctx: UsersContext,
  ): Promise<PersonalDataReportType> {
    const id = await authoriseReport(ctx, subjectId, "PersonalDataReport");
    if (!(await ctx.loaders.user.load(id))) throw new NotFoundError("User");
    return { subjectId: id };
  }

  @FieldResolver(() => UserType)
  async subject(@Root() report: PersonalDataReportType, @Ctx() ctx: UsersContext): Promise<User> {
    const user = await ctx.loaders.user.load(report.subjectId);
    if (!user) throw new NotFoundError("User");
    return user;
  }

  @FieldResolver(() => [PersonalDataItem], { description: "Every personal item held about the subject, in every subgraph" })
  @Directive(REQUIRES)
  async items(@Root() report: PersonalDataReportType, @Ctx() ctx: UsersContext): Promise<PersonalDataItemType[]> {
    const own = await usersReportItems(ctx.em, report.subjectId);
    return mergeItems(own, partsOf(report), ctx.services.config.retention.daysAfterLeaving);
  }

  @FieldResolver(() => [Disclosure], { description: "Disclosures to third parties (legal requests)" })
  @Directive(REQUIRES)
  async disclosures(@Root() report: PersonalDataReportType, @Ctx() ctx: UsersContext): Promise<DisclosureType[]> {
    const own = await ownTrail(report, ctx);
    return mergeDisclosures([own.disclosures, ...partsOf(report).map((p) => p.disclosures)]);
  }

  @FieldResolver(() => [AccessRecord], { description: "Who was given the subject's data, from the audit of every subgraph" })
  @Directive(REQUIRES)
  async accesses(@Root() report: PersonalDataReportType, @Ctx() ctx: UsersContext): Promise<AccessRecordType[]> {
    const own = await ownTrail(report, ctx);
    return mergeAccesses([own.accesses, ...partsOf(report).map((p) => p.accesses)]);
  }
}
