/**
 * Builds a subgraph schema the same way for all four subgraphs: type-graphql classes → SDL with our
 * directives → @apollo/subgraph schema with reference resolvers → personal-data enforcement.
 */
import "reflect-metadata";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper/index.js";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { Kind, parse, print, visit, type ConstDirectiveNode, type DocumentNode, type GraphQLSchema, type StringValueNode } from "graphql";
import { gql } from "graphql-tag";
import { buildSchema, createResolversMap, type NonEmptyArray } from "type-graphql";
import { enforcePersonalData, reachable, type SubjectOf } from "../auth/enforce.js";
import { PERSONAL_DATA_SDL, PURPOSE_ENUM_SDL, readPersonalData, SENSITIVE_VALUES_SDL } from "../auth/personal-data.js";
import type { BaseContext } from "../context.js";
import { assertWithinBudget } from "../http/subgraph-limits.js";
import { DateScalar, DateTimeScalar } from "../scalars.js";

const FEDERATION_IMPORTS = ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@composeDirective"];

/** The federation and personal-data links every subgraph SDL starts with. */
export const LINK_HEADER = [
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: [${FEDERATION_IMPORTS.map((d) => `"${d}"`).join(", ")}])`,
  `  @link(url: "https://emaktab.uz/personal-data/v1.0", import: ["@personalData", "@sensitiveValues"])`,
  `  @composeDirective(name: "@personalData")`,
  `  @composeDirective(name: "@sensitiveValues")`,
].join("\n");

export type ReferenceResolver<C extends BaseContext> = (reference: any, ctx: C) => unknown;

export interface SubgraphDefinition<C extends BaseContext> {
  resolvers: NonEmptyArray<Function>;
  /** Types that no resolver returns directly but the schema must still contain (entity stubs). */
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type this subgraph resolves. */
  references: Record<string, ReferenceResolver<C>>;
  /** How to find the person behind each type carrying @personalData. */
  subjects: Record<string, SubjectOf<C>>;
  publicFields?: readonly string[];
  /**
   * Entity types whose `_entities` lookups answer null to a caller with no relationship to the person
   * (the owner of User gates the whole object, not only its personal fields).
   */
  reachableOnly?: readonly string[];
}

export interface BuiltSubgraph {
  schema: GraphQLSchema;
  /** The SDL composition reads (schema/<name>.graphql). */
  sdl: string;
}

/**
 * type-graphql keeps @Directive arguments as untyped AST, so the printer renders the purpose enum
 * values as strings; turn them back into enum values before the SDL is composed.
 */
function enumPurposeArguments(document: DocumentNode): DocumentNode {
  return visit(document, {
    Directive(node) {
      if (node.name.value !== "personalData") return undefined;
      return {
        ...node,
        arguments: node.arguments?.map((arg) =>
          arg.name.value === "purposes" && arg.value.kind === Kind.LIST
            ? {
                ...arg,
                value: {
                  ...arg.value,
                  values: arg.value.values.map((v) => (v.kind === Kind.STRING ? { kind: Kind.ENUM, value: v.value } : v)),
                },
              }
            : arg,
        ),
      };
    },
  });
}

/** What a client reads in the docs of a personal field or type: its category, its purposes, what withheld looks like. */
function policyNote(directives: readonly ConstDirectiveNode[] | undefined, where: string, row: boolean): string | undefined {
  const spec = readPersonalData(directives, where);
  if (!spec) return undefined;
  const released = `category ${spec.category}; released for the purposes ${spec.purposes.join(", ")} (X-Purpose) to a caller whose role and relationship allow it.`;
  return row
    ? `Each row is personal data: ${released} Rows the caller may not see are left out of lists; a list of one person's rows that are all withheld is null, with a PERSONAL_DATA_WITHHELD error.`
    : `Personal data: ${released} Otherwise null, with a PERSONAL_DATA_WITHHELD error at its path (for a list: null, not empty).`;
}

const withNote = (description: StringValueNode | undefined, note: string): StringValueNode => ({
  kind: Kind.STRING,
  value: description?.value ? `${description.value}\n\n${note}` : note,
  block: true,
});

/**
 * Writes the @personalData policy into the descriptions of the fields and types that carry it: introspection
 * does not show directives, so this is how the playground's docs, codegen and any client tool see it.
 */
function describePolicy(document: DocumentNode): DocumentNode {
  return visit(document, {
    ObjectTypeDefinition(node) {
      const note = policyNote(node.directives, node.name.value, true);
      return note ? { ...node, description: withNote(node.description, note) } : undefined;
    },
    FieldDefinition(node) {
      const note = policyNote(node.directives, node.name.value, false);
      return note ? { ...node, description: withNote(node.description, note) } : undefined;
    },
  });
}

export async function buildSubgraph<C extends BaseContext>(def: SubgraphDefinition<C>): Promise<BuiltSubgraph> {
  const typeSchema = await buildSchema({
    resolvers: def.resolvers,
    orphanedTypes: def.orphanedTypes,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    skipCheck: true,
    validate: false,
  });
  let body = print(describePolicy(enumPurposeArguments(parse(printSchemaWithDirectives(typeSchema)))));
  if (!/^enum Purpose\b/m.test(body)) body += `\n\n${PURPOSE_ENUM_SDL}\n`;
  const sdl = `${LINK_HEADER}\n\n${PERSONAL_DATA_SDL}\n\n${SENSITIVE_VALUES_SDL}\n\n${body.trim()}\n`;

  const resolvers = createResolversMap(typeSchema) as GraphQLResolverMap<C>;
  resolvers.Date = DateScalar;
  resolvers.DateTime = DateTimeScalar;
  for (const [typeName, resolveReference] of Object.entries(def.references)) {
    const subjectOf = def.subjects[typeName];
    const gated: ReferenceResolver<C> =
      def.reachableOnly?.includes(typeName) && subjectOf
        ? async (reference, ctx) => {
            const entity = await resolveReference(reference, ctx);
            if (!entity || !ctx.caller) return entity;
            return (await reachable(ctx, await subjectOf(entity, ctx), typeName)) ? entity : null;
          }
        : resolveReference;
    // Each representation checks the request's time budget, before and after its (batched) load.
    const budgeted: ReferenceResolver<C> = async (reference, ctx) => {
      assertWithinBudget(ctx);
      const entity = await gated(reference, ctx);
      assertWithinBudget(ctx);
      return entity;
    };
    resolvers[typeName] = { ...(resolvers[typeName] as object), __resolveReference: budgeted } as never;
  }
  const schema = buildSubgraphSchema([{ typeDefs: gql(sdl), resolvers }]);
  enforcePersonalData(schema, { subjects: def.subjects, publicFields: def.publicFields, reachableOnly: def.reachableOnly });
  return { schema, sdl };
}
