// `npm start` refuses a guessable AUTH_SECRET before it starts anything (issue 11, finding 3).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

function start(authSecret: string) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "capstan-start-"));
  try {
    return spawnSync(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "scripts/start.ts")], {
      env: { ...process.env, CAPSTAN_HOME: home, AUTH_SECRET: authSecret, DATABASE_URL: "postgresql://nobody@127.0.0.1:9/none", CAPSTAN_SIM: "0" },
      encoding: "utf8",
      timeout: 60_000,
    });
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

describe("npm start", () => {
  it.each([["the old compose placeholder", "change-me-to-a-long-random-string"], ["a short secret", "s3cret-but-short"], ["changeme", "changeme"]])(
    "refuses %s with a clear message and a non-zero exit",
    (_, secret) => {
      const run = start(secret);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("Capstan refuses to start: AUTH_SECRET");
      expect(run.stderr).toContain("openssl rand -base64 32");
    },
  );
});
