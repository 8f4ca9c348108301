import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit tests (*.test.ts) and integration tests against a real PostgreSQL (*.int.test.ts), beside
// the code they test. The global setup starts one throw-away embedded PostgreSQL for the run.
export default defineConfig({
  // For tests that call the portal's route handlers in-process (apps/portal/lib/server/api.fuzz.int.test.ts):
  // the portal's `@/` paths (apps/portal/tsconfig.json), and `server-only` as Next resolves it on the server.
  resolve: {
    alias: [
      { find: /^@\/(.*)$/, replacement: path.resolve(import.meta.dirname, "apps/portal/$1") },
      { find: /^server-only$/, replacement: path.resolve(import.meta.dirname, "node_modules/server-only/empty.js") },
    ],
  },
  test: {
    include: ["packages/**/*.test.ts", "apps/**/*.test.ts", "scripts/**/*.test.ts", "tests/**/*.test.ts", "deploy/**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two files at a time even on 2 cores (vitest's default there is one): most files wait on the simulator,
    // PostgreSQL and child processes rather than the CPU. Measured on 2 cores: 815 s, against 1347 s one at
    // a time. Each file has its own database and simulator (loopback addresses are leased), so they do not meet.
    maxWorkers: 2,
    // next-auth imports "next/server" without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-auth"] } },
    // A fixed key for sealing test secrets; real deployments set their own (see README).
    // The simulator listens on 127.0.0.1, which the outbound policy denies unless allow-listed
    // (docs/security/outbound.md); tests of the denial set their own policy.
    // Capstan's own log (docs/observability.md): warnings and errors only, so the API fuzz's requests are not each a line.
    env: { CAPSTAN_SECRET_KEY: "dGVzdC1rZXktZm9yLWNhcHN0YW4tdGVzdHMtb25seSE=", CAPSTAN_OUTBOUND_ALLOW: "127.0.0.1/32", CAPSTAN_LOG_LEVEL: "warn" },
  },
});
