/**
 * The cost limit: a validation rule that weighs an operation by how much it can make the subgraphs do.
 * A leaf costs 1, an object 2 plus what is selected in it, and a list of objects multiplies that by the
 * number of items it may hold: the literal `first: N` when given, else its bound (./list-bounds.ts). So
 * `school { classes { students { grades { history { at } } } } }` costs 60 × 40 × 300 × 10 × … and is
 * refused, while `me { notifications(first: 100) { id kind } }` costs 402. Aliases add up.
 * graphql-armor's cost rule (which this replaces) knew only literal `first` and ignored list sizes.
 */
import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  isUnionType,
  Kind,
  type ASTVisitor,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { TooComplexError } from "../../shared/errors.js";
import { LIST_BOUNDS } from "./list-bounds.js";

export interface ListCostOptions {
  maxCost: number;
  /** Items assumed for a list named nowhere in LIST_BOUNDS. */
  defaultBound: number;
  bounds?: Readonly<Record<string, number>>;
}

const LEAF_COST = 1;
const OBJECT_COST = 2;
const INTROSPECTION = new Set(["__schema", "__type"]);

const isComposite = (type: GraphQLNamedType | undefined | null): type is GraphQLCompositeType =>
  !!type && (isObjectType(type) || isInterfaceType(type) || isUnionType(type));

/** The cost of one operation of the document; exported for the README's figures and the tests. */
export function operationCost(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  root: GraphQLCompositeType,
  options: ListCostOptions,
): number {
  const bounds = options.bounds ?? LIST_BOUNDS;
  const schema = context.getSchema();
  const spreading = new Set<string>();

  const costOf = (set: SelectionSetNode, parent: GraphQLCompositeType): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        total += costOf(selection.selectionSet, isComposite(condition) ? condition : parent);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = context.getFragment(name);
        // A cycle is NoFragmentCycles' to report; here it simply adds nothing more.
        if (!fragment || spreading.has(name)) continue;
        spreading.add(name);
        const condition = schema.getType(fragment.typeCondition.name.value);
        total += costOf(fragment.selectionSet, isComposite(condition) ? condition : parent);
        spreading.delete(name);
        continue;
      }
      const name = selection.name.value;
      if (INTROSPECTION.has(name)) continue;
      const field = isUnionType(parent) ? undefined : parent.getFields()[name];
      // __typename, or a field the schema lacks (reported by the standard rules).
      if (!field) {
        total += LEAF_COST;
        continue;
      }
      const named = getNamedType(field.type);
      if (isLeafType(named) || !selection.selectionSet || !isComposite(named)) {
        total += LEAF_COST;
        continue;
      }
      const item = OBJECT_COST + costOf(selection.selectionSet, named);
      if (!isListType(getNullableType(field.type))) {
        total += item;
        continue;
      }
      const first = selection.arguments?.find((arg) => arg.name.value === "first");
      // Never below zero: a negative `first` must not pay for the rest of the operation.
      const asked = first?.value.kind === Kind.INT ? Math.max(0, Number(first.value.value)) : undefined;
      total += item * (asked ?? bounds[`${parent.name}.${name}`] ?? options.defaultBound);
    }
    return total;
  };
  return costOf(selectionSet, root);
}

/** Refuses with TOO_COMPLEX each operation whose cost is over `maxCost`. */
export const listCostRule =
  (options: ListCostOptions): ValidationRule =>
  (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const schema = context.getSchema();
      const root =
        operation.operation === "query"
          ? schema.getQueryType()
          : operation.operation === "mutation"
            ? schema.getMutationType()
            : schema.getSubscriptionType();
      if (!root) return;
      const cost = operationCost(context, operation.selectionSet, root, options);
      if (cost > options.maxCost)
        context.reportError(new TooComplexError(`Query Cost limit of ${options.maxCost} exceeded, found ${cost}.`));
    },
  });
