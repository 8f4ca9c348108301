// `npm test` must fail when a test fails: vitest run with the suite's configuration (and so its embedded
// PostgreSQL, whose exit hook once turned every failing run into exit code 0) exits non-zero.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

it("a failing test makes vitest exit non-zero", { timeout: 120_000 }, () => {
  const run = spawnSync(path.join(root, "node_modules/.bin/vitest"), ["run", "--config", "tests/fixtures/fails.config.ts"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, CI: "1" },
  });
  expect(run.stdout + run.stderr).toContain("1 failed");
  expect(run.status).toBe(1);
});
