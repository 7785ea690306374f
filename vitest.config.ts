import { defineConfig } from "vitest/config";

/**
 * Four levels, one run:
 * - unit: pure code beside its module (`*.test.ts`), in Node, no network.
 * - db: `*.db.test.ts` against real Postgres (embedded PGlite, or `TEST_DATABASE_URL`), one file at a time
 *   because every file resets the same database.
 * - workers: the Worker and its Durable Object inside workerd (bridge-worker/vitest.config.ts).
 * - e2e: `tests/e2e/` and `tests/faults/*.stack.test.ts` against the whole stack started the way `npm start`
 *   starts it.
 */
export default defineConfig({
  test: {
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          include: [
            "{functions,simulators,scripts,bench,bridge-worker/src,web/src,tests/support}/**/*.test.ts",
          ],
          exclude: ["**/*.db.test.ts", "**/node_modules/**"],
          // fetch reaches loopback only: a forgotten mock fails instead of leaving the machine.
          setupFiles: ["./tests/support/no-network.ts"],
        },
      },
      {
        test: {
          name: "db",
          environment: "node",
          include: ["{functions,scripts,supabase,tests/db,tests/security,tests/faults}/**/*.db.test.ts"],
          exclude: ["**/node_modules/**"],
          globalSetup: ["./tests/support/db-global-setup.ts"],
          pool: "forks",
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      "./bridge-worker/vitest.config.ts",
      {
        test: {
          name: "e2e",
          environment: "node",
          // Faults that need the whole stack (the real Worker in wrangler, functions, simulators).
          include: ["tests/e2e/**/*.test.ts", "tests/faults/**/*.stack.test.ts"],
          globalSetup: ["./tests/support/stack-global-setup.ts"],
          pool: "forks",
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
