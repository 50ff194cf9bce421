/** The name a class takes when it moves on a year: the grade number at its front goes up by one. */
import { describe, expect, it } from "vitest";
import { nextClassName } from "../../subgraphs/institutions/promotion.js";

describe("nextClassName", () => {
  it("moves the grade at the front of the name on, keeping the letter", () => {
    expect(nextClassName("5-A", 5)).toBe("6-A");
    expect(nextClassName("9-B", 9)).toBe("10-B");
    expect(nextClassName("10-V", 10)).toBe("11-V");
    expect(nextClassName("7A", 7)).toBe("8A");
  });

  it("puts the new grade in front of a name without one", () => {
    expect(nextClassName("Olimpiada", 3)).toBe("4-Olimpiada");
  });
});
