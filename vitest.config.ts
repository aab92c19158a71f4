import { configDefaults, defineConfig } from 'vitest/config';

const databaseTests = ['src/**/*.test.ts', 'tests/api/**/*.test.ts'];
const pureTests = ['src/modules/analytics/clv/**'];
const serverUrl = process.env.TEST_DATABASE_URL;
// A Citus coordinator (`../shared/tools/citus-cluster up` prints it): the third pass (.ci/run always runs it).
const citusUrl = process.env.TEST_CITUS_URL;

if (!serverUrl) {
  console.warn('TEST_DATABASE_URL is not set: the PostgreSQL pass is not run, only the PGlite one.');
}

// A poll waits as long as a Playwright locator does (5 s): the default second is too short for a
// page on a CI machine running two test files and a browser at once.
const expectOptions = { poll: { timeout: 5_000 } };

// The same database tests run twice: on embedded PGlite, and on a PostgreSQL server when
// TEST_DATABASE_URL names one (.ci/run always does).
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest runs one file at a time on a two-core machine (cores - 1). Our tests mostly wait on
    // PostgreSQL, Chromium or SMTP, so two files at once keep both cores busy.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'pglite',
          include: [...databaseTests, 'tests/e2e/**/*.test.ts', 'tests/pglite/**/*.test.ts'],
          globalSetup: ['tests/helpers/global-setup.ts'],
          env: { TEST_DB: 'pglite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
          expect: expectOptions,
        },
      },
      ...(serverUrl
        ? [
            {
              test: {
                name: 'postgres',
                // Several processes against one server: only meaningful on PostgreSQL. The browser
                // tests run here too, so every page is proven on both databases.
                include: [...databaseTests, 'tests/e2e/**/*.test.ts', 'tests/scale/**/*.test.ts'],
                exclude: [...configDefaults.exclude, ...pureTests],
                globalSetup: ['tests/helpers/global-setup.ts'],
                env: { TEST_DB: 'postgres' },
                testTimeout: 30_000,
                hookTimeout: 60_000,
                expect: expectOptions,
              },
            },
          ]
        : []),
      ...(citusUrl
        ? [
            {
              test: {
                name: 'citus',
                // The integration and API tests, on tables distributed by account (decision 0028), and
                // the two-worker exactly-once test: worker processes sharing the coordinator's queues, and the event horizon.
                include: [...databaseTests, 'tests/citus/**/*.test.ts', 'tests/scale/workers.test.ts', 'tests/scale/event-horizon.test.ts'],
                exclude: [...configDefaults.exclude, ...pureTests],
                globalSetup: ['tests/helpers/global-setup.ts'],
                env: { TEST_DB: 'citus' },
                testTimeout: 60_000,
                hookTimeout: 120_000,
                expect: expectOptions,
              },
            },
          ]
        : []),
    ],
  },
});
