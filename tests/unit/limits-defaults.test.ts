/**
 * The default limits against the documents the project itself sends: tests/graphql, the README's examples
 * and GraphiQL's introspection query (the playground's first request) all pass, with room to spare.
 */
import { readdirSync, readFileSync } from "node:fs";
import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { complexityRules, tokenLimitExceeded } from "../../gateway/limits/complexity.js";
import { loadConfig } from "../../shared/config.js";

const root = new URL("../../", import.meta.url);
const schema = buildSchema(readFileSync(new URL("schema/supergraph.graphql", root), "utf8"));
const limits = loadConfig({}).limits;

const documents: Array<[string, string]> = [
  ...readdirSync(new URL("tests/graphql/", root))
    .filter((file) => file.endsWith(".graphql"))
    .map((file): [string, string] => [`tests/graphql/${file}`, readFileSync(new URL(`tests/graphql/${file}`, root), "utf8")]),
  ...[...readFileSync(new URL("README.md", root), "utf8").matchAll(/"query":"((?:[^"\\]|\\.)*)"/g)].map((match, i): [string, string] => [
    `README example ${i + 1}`,
    JSON.parse(`"${match[1]}"`) as string,
  ]),
  [
    "GraphiQL's introspection query",
    getIntrospectionQuery({
      descriptions: true,
      inputValueDeprecation: true,
      schemaDescription: true,
      directiveIsRepeatable: true,
      specifiedByUrl: true,
    }),
  ],
];

describe("default limits", () => {
  it("cover enough documents to mean something", () => {
    expect(documents.length).toBeGreaterThan(15);
  });

  it.each(documents)("%s passes depth, alias, directive, cost and token limits", (_name, text) => {
    expect(tokenLimitExceeded(text, limits.tokens)).toBeUndefined();
    expect(validate(schema, parse(text), [...specifiedRules, ...complexityRules(limits)]).map((e) => e.message)).toEqual([]);
  });

  it("and would still pass with half the budget (the defaults are not tuned to the edge)", () => {
    const half = { ...limits, depth: 7, cost: limits.cost / 2, tokens: limits.tokens / 2 };
    for (const [name, text] of documents) {
      expect(tokenLimitExceeded(text, half.tokens), name).toBeUndefined();
      expect(
        validate(schema, parse(text), complexityRules(half)).map((e) => e.message),
        name,
      ).toEqual([]);
    }
  });
});
