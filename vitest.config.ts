// Test runner settings. Tests run the TypeScript sources directly; child-process tests start
// `src/cli/main.ts` through tsx. On PostgreSQL (REFLEX_TEST_DATABASE_URL) each test file
// works in its own schema, so files still run in parallel.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
