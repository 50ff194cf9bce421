/** The cost rule's arithmetic (gateway/limits/list-cost.ts): lists multiply, `first` counts, nothing subtracts. */
import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { listCostRule } from "../../gateway/limits/list-cost.js";

const schema = buildSchema(`
  type Query { school: School  people(first: Int): [Person!]! }
  type School { name: String  classes: [Klass!]!  tags: [String!]! }
  type Klass { name: String  students: [Person!]! }
  type Person { name: String  marks: [Mark!]! }
  type Mark { value: Int }
`);
const bounds = { "School.classes": 10, "Klass.students": 20 };

/** The cost found, read back from the refusal of a rule whose budget is 0. */
function costOf(query: string, defaultBound = 5): number {
  const errors = validate(schema, parse(query), [listCostRule({ maxCost: 0, defaultBound, bounds })]);
  const found = /found (-?\d+)/.exec(errors[0]?.message ?? "");
  return found ? Number(found[1]) : 0;
}

describe("cost with list sizes", () => {
  it("multiplies each list of objects by its bound, level by level", () => {
    // school 2 + name 1 + classes 10 × (2 + name 1 + students 20 × (2 + name 1))
    expect(costOf("{ school { name classes { name students { name } } } }")).toBe(3 + 10 * (3 + 20 * 3));
  });

  it("takes a literal `first`, the bound for a variable, and the default bound for an unnamed list", () => {
    expect(costOf("{ people(first: 7) { name } }")).toBe(7 * 3);
    expect(costOf("query($n: Int) { people(first: $n) { name } }", 5)).toBe(5 * 3);
    expect(costOf("{ people { marks { value } } }", 4)).toBe(4 * (2 + 4 * 3));
  });

  it("counts a list of scalars as one leaf, and aliases and fragments in full", () => {
    expect(costOf("{ school { tags } }")).toBe(3);
    expect(costOf("{ a: school { name } b: school { name } }")).toBe(6);
    expect(costOf("{ school { ...F } } fragment F on School { classes { name } }")).toBe(2 + 10 * 3);
  });

  it("lets no negative `first` pay for the rest of the operation", () => {
    expect(costOf("{ people(first: -1000) { name } school { classes { name } } }")).toBe(2 + 10 * 3);
  });

  it("refuses with TOO_COMPLEX over the budget and passes at it", () => {
    const query = "{ school { classes { name } } }";
    expect(validate(schema, parse(query), [listCostRule({ maxCost: 32, defaultBound: 5, bounds })])).toEqual([]);
    const [error] = validate(schema, parse(query), [listCostRule({ maxCost: 31, defaultBound: 5, bounds })]);
    expect(error?.extensions.code).toBe("TOO_COMPLEX");
    expect(error?.extensions.detail).toBe("Query Cost limit of 31 exceeded, found 32.");
  });
});
