/**
 * What each of institutions, journal and notifications adds to the personal-data report: an entity stub
 * `PersonalDataReport @key(fields: "subjectId")` with one @inaccessible field, `<subgraph>Part`, that the
 * users subgraph @requires. Built by one factory so the three subgraphs have the same shape and the same
 * rule (report-access.ts) guards every part.
 */
import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from "type-graphql";
import type { SubgraphName } from "../config.js";
import type { BaseContext } from "../context.js";
import type { ReferenceResolver } from "../federation/build-subgraph.js";
import { auditTrailOf } from "./audit-trail.js";
import { authoriseReport } from "./report-access.js";
import { reportTypesOf, type PersonalDataItemType, type PersonalDataPartType } from "./report-types.js";

export interface ReportPartSource<C extends BaseContext> {
  /** Every personal item this subgraph holds about the subject (values as stored, one item per row). */
  items(ctx: C, subjectId: string): Promise<PersonalDataItemType[]>;
  /** When the subject left or is expected to leave the school system, if this subgraph knows it. */
  leavesOn?(ctx: C, subjectId: string): Promise<string | null>;
}

export interface ReportPart<C extends BaseContext> {
  /** The field resolver, for the subgraph's `resolvers` list. */
  resolver: Function;
  /** The entity stub, for `orphanedTypes`: no field of the subgraph returns it. */
  stub: Function;
  /** `__resolveReference` of PersonalDataReport. */
  reference: ReferenceResolver<C>;
}

export const partField = (subgraph: SubgraphName): string => `${subgraph}Part`;

export function reportPart<C extends BaseContext>(subgraph: Exclude<SubgraphName, "users">, source: ReportPartSource<C>): ReportPart<C> {
  const field = partField(subgraph);

  @ObjectType("PersonalDataReport")
  @Directive('@key(fields: "subjectId")')
  class ReportStub {
    @Field(() => ID)
    subjectId: string;
  }

  @Resolver(() => ReportStub)
  class ReportPartResolver {
    async part(stub: ReportStub, ctx: C): Promise<PersonalDataPartType> {
      const subjectId = await authoriseReport(ctx, stub.subjectId, `PersonalDataReport.${field}`);
      const [items, trail, leavesOn] = await Promise.all([
        source.items(ctx, subjectId),
        auditTrailOf(ctx.em, subjectId, ctx.caller!),
        source.leavesOn?.(ctx, subjectId) ?? Promise.resolve(null),
      ]);
      return { items, ...trail, leavesOn };
    }
  }
  // The field's name depends on the subgraph, so the decorators are applied by hand.
  const descriptor = {
    value(this: ReportPartResolver, stub: ReportStub, ctx: C) {
      return this.part(stub, ctx);
    },
    writable: true,
    configurable: true,
  };
  Object.defineProperty(ReportPartResolver.prototype, field, descriptor);
  Root()(ReportPartResolver.prototype, field, 0);
  Ctx()(ReportPartResolver.prototype, field, 1);
  Directive("@inaccessible")(ReportPartResolver.prototype, field, descriptor);
  FieldResolver(() => reportTypesOf(subgraph).PersonalDataPart, { description: `The ${subgraph} subgraph's share of the report` })(
    ReportPartResolver.prototype,
    field,
    descriptor,
  );

  return { resolver: ReportPartResolver, stub: ReportStub, reference: (ref: { subjectId: string }) => ({ subjectId: ref.subjectId }) };
}
