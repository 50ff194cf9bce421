import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

/**
 * The integration and end-to-end suites again, on PostgreSQL (TEST_PG_URL, default the local server),
 * plus the services suite (tests/services: NATS JetStream and other local servers, see STACK.md).
 */
process.env.TEST_PG_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";

// mergeConfig concatenates arrays: take include/exclude out of the base so ours replace them.
const { include: _include, exclude = [], ...baseTest } = base.test ?? {};

export default mergeConfig(
  { ...base, test: baseTest },
  defineConfig({
    test: {
      include: ["tests/integration/**/*.test.ts", "tests/e2e/**/*.test.ts", "tests/services/**/*.test.ts"],
      exclude: exclude.filter((pattern) => pattern !== "tests/services/**"),
      fileParallelism: false,
      // Drops the run's t_<run>_* databases at the end, whether the tests passed or not.
      globalSetup: ["tests/support/pg-global-setup.ts"],
    },
  }),
);
