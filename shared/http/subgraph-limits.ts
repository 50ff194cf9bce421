/**
 * Limits every subgraph applies on its own, so that a caller reaching it directly (or a gateway bug) cannot
 * keep it busy: a maximum depth, a maximum of entity representations per request (summed over `_entities`
 * aliases), and a time budget. Past the budget every further field and entity reference fails at once, and
 * the whole answer becomes one TOO_COMPLEX error; a database statement already running is not interrupted.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { Kind, type GraphQLError, type OperationDefinitionNode, type ValidationContext, type ValidationRule } from "graphql";
import type { Config } from "../config.js";
import { TooComplexError } from "../errors.js";

export type SubgraphLimits = Config["subgraphLimits"];

interface Budget {
  deadline: number;
  exceeded: boolean;
}

/** Each request's budget, by its context object (which lives exactly as long as the request). */
const budgets = new WeakMap<object, Budget>();

const overBudget = (budgetMs: number): TooComplexError =>
  new TooComplexError(`the request took longer than this service's time budget of ${budgetMs} ms`);

/**
 * Throws TOO_COMPLEX when the request's time budget has run out: for work that is not a field resolver
 * (each entity reference of `_entities`).
 */
export function assertWithinBudget(context: object | null | undefined): void {
  const budget = context ? budgets.get(context) : undefined;
  if (!budget || performance.now() <= budget.deadline) return;
  budget.exceeded = true;
  throw new TooComplexError("the request took longer than this service's time budget");
}

/** The depth rule (graphql-armor's, as at the gateway), refusing with TOO_COMPLEX (a 400 answer). */
export function subgraphDepthRules(limits: SubgraphLimits): ValidationRule[] {
  const refuse = (context: ValidationContext | null, error: GraphQLError): void =>
    context?.reportError(new TooComplexError(error.message.replace(/^Syntax Error:\s*/, "")));
  return new ApolloArmor({
    maxDepth: { n: limits.depth, flattenFragments: true, propagateOnRejection: false, onReject: [refuse] },
    maxAliases: { enabled: false },
    maxDirectives: { enabled: false },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect().validationRules;
}

/** Representations the operation's `_entities` fields ask for, literal or in a variable. */
export function representationsAsked(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): number {
  let count = 0;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.name.value !== "_entities") continue;
    const value = selection.arguments?.find((arg) => arg.name.value === "representations")?.value;
    if (value?.kind === Kind.LIST) count += value.values.length;
    else if (value?.kind === Kind.VARIABLE) {
      const given = variables?.[value.name.value];
      count += Array.isArray(given) ? given.length : 1;
    } else if (value) count += 1;
  }
  return count;
}

export function subgraphLimitsPlugin<C extends object>(limits: SubgraphLimits): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      const budget: Budget = { deadline: performance.now() + limits.timeBudgetMs, exceeded: false };
      if (contextValue) budgets.set(contextValue, budget);
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) return;
          const asked = representationsAsked(operation, request.variables);
          if (asked > limits.representations) {
            throw new TooComplexError(`at most ${limits.representations} entity representations per request, ${asked} asked`);
          }
        },
        async executionDidStart() {
          return {
            willResolveField() {
              if (performance.now() <= budget.deadline) return;
              budget.exceeded = true;
              throw overBudget(limits.timeBudgetMs);
            },
          };
        },
        async willSendResponse({ response }) {
          if (!budget.exceeded || response.body.kind !== "single") return;
          // One error for the whole answer instead of one per field cut short; no partial data.
          const detail = overBudget(limits.timeBudgetMs).message;
          response.body.singleResult = { errors: [{ message: detail, extensions: { code: "TOO_COMPLEX", detail } }] };
          response.http.status = 400;
        },
      };
    },
  };
}
