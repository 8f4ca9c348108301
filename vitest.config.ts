import { defineConfig } from "vitest/config";

// Unit tests (*.test.ts) and integration tests against a real PostgreSQL (*.int.test.ts), beside
// the code they test. The global setup starts one throw-away embedded PostgreSQL for the run.
export default defineConfig({
  test: {
    include: ["packages/**/*.test.ts", "apps/**/*.test.ts", "scripts/**/*.test.ts", "tests/**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // A fixed key for sealing test secrets; real deployments set their own (see README).
    // The simulator listens on 127.0.0.1, which the outbound policy denies unless allow-listed
    // (docs/security/outbound.md); tests of the denial set their own policy.
    env: { CAPSTAN_SECRET_KEY: "dGVzdC1rZXktZm9yLWNhcHN0YW4tdGVzdHMtb25seSE=", CAPSTAN_OUTBOUND_ALLOW: "127.0.0.1/32" },
  },
});
