import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // One graphql copy for every import style, or schemas cross "realms" (STACK.md trap 2).
    alias: { graphql: "graphql/index.js" },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    // tests/services need NATS & co. (STACK.md "Services"): only the test:pg suite runs them.
    exclude: ["tests/pg/**", "tests/browser/**", "tests/services/**", "node_modules/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // The clock is pinned per file (tests/support/clock.ts): the suite passes on any date and at any hour.
    setupFiles: ["tests/support/suite-clock.ts"],
  },
});
