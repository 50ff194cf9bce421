/**
 * Depth, alias, directive and token limits from graphql-armor, raising our TOO_COMPLEX instead of the
 * library's BAD_USER_INPUT, and our own cost rule that counts list sizes (./list-cost.ts). Depth, aliases,
 * directives and cost are validation rules: Apollo Server runs them
 * with its own, and a refused operation never reaches the query planner, so no subgraph is called.
 */
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { MaxTokensParserWLexer } from "@escape.tech/graphql-armor-max-tokens";
import type { GraphQLError, ValidationContext, ValidationRule } from "graphql";
import type { Config } from "../../shared/config.js";
import { TooComplexError } from "../../shared/errors.js";
import { listCostRule } from "./list-cost.js";

/** The library's message ("Syntax Error: Query depth limit of 10 exceeded, found 12.") as the error's detail. */
const detailOf = (error: GraphQLError): string => error.message.replace(/^Syntax Error:\s*/, "");

/** Report to the validation context (a 400 answer) instead of throwing (which Apollo Server would turn into a 500). */
const tooComplex = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(new TooComplexError(detailOf(error)))],
};

/**
 * The validation rules for the configured limits (depth and cost ignore introspection, as the library does).
 * The library's token limit and suggestion masking are off here: tokens are counted before parsing
 * ({@link checkTokens}) and Apollo Server's own option hides suggestions.
 */
export function complexityRules(limits: Config["limits"]): ValidationRule[] {
  return new ApolloArmor({
    // Fragments count at the depth where they are spread, not one level deeper.
    maxDepth: { n: limits.depth, flattenFragments: true, ...tooComplex },
    maxAliases: { n: limits.aliases, ...tooComplex },
    maxDirectives: { n: limits.directives, ...tooComplex },
    // The library's cost ignores list sizes; ours multiplies by them (./list-cost.ts).
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  })
    .protect()
    .validationRules.concat(listCostRule({ maxCost: limits.cost, defaultBound: limits.listBound }));
}

/**
 * The token count is checked on the raw text, before Apollo Server parses it: the lexer stops at the first
 * token over the limit, so a huge document costs no more than a small one. Returns why the text is refused,
 * or nothing (a text that does not parse is left to Apollo Server, which answers with its usual syntax error).
 */
export function tokenLimitExceeded(source: string, maxTokens: number): string | undefined {
  let refusal: string | undefined;
  const parser = new MaxTokensParserWLexer(source, {
    n: maxTokens,
    propagateOnRejection: true,
    onReject: [(_context, error) => (refusal ??= detailOf(error))],
  });
  try {
    parser.parseDocument();
  } catch {
    // Either the token refusal recorded above or a syntax error, which is not this check's to report.
  }
  return refusal;
}
