// `npm start` refuses a guessable AUTH_SECRET (issue 11, finding 3) and a malformed outbound allow-list
// (finding 2) before it starts anything.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

function start(authSecret: string, extra: NodeJS.ProcessEnv = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "capstan-start-"));
  try {
    return spawnSync(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "scripts/start.ts")], {
      env: { ...process.env, CAPSTAN_HOME: home, AUTH_SECRET: authSecret, DATABASE_URL: "postgresql://nobody@127.0.0.1:9/none", CAPSTAN_SIM: "0", ...extra },
      encoding: "utf8",
      timeout: 60_000,
    });
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

describe("npm start", () => {
  it.each([
    ["the old compose placeholder", "change-me-to-a-long-random-string"],
    ["a short secret", "s3cret-but-short"],
    ["changeme", "changeme"],
  ])("refuses %s with a clear message and a non-zero exit", (_, secret) => {
    const run = start(secret);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Capstan refuses to start: AUTH_SECRET");
    expect(run.stderr).toContain("openssl rand -base64 32");
  });

  it("refuses an outbound allow-list that is not addresses or CIDRs, naming the entry", () => {
    const run = start("k".repeat(8) + "Vq3xL9pZ2mN7rT4wY8bC1dF6gH0jK5sA", { CAPSTAN_OUTBOUND_ALLOW: "10.0.0.0/8, 10.1.2.300/32" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Capstan refuses to start: CAPSTAN_OUTBOUND_ALLOW: "10.1.2.300/32"');
  });
});
