// The deployment's migration order (deploy/): the capstan-migrate Job's `migrate.ts apply`, and the init
// containers' `migrate.ts wait`, which holds a new image's pods until the database has its migrations.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate, migrationLevel, MIGRATIONS_DIR, readMigrations } from "@capstan/db/migrate";
import { migrateQueue } from "@capstan/db/queue";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { emptyDatabase } from "../tests/database";
import { waitForMigrations } from "./lib/migration-wait";

const root = path.resolve(import.meta.dirname, "..");
const tsx = path.join(root, "node_modules/.bin/tsx");
const temps: string[] = [];
afterAll(() => temps.forEach((t) => fs.rmSync(t, { recursive: true, force: true })));

/** A copy of the migrations folder, changed by `edit` (an image older or different than this checkout). */
function migrationsCopy(edit: (dir: string, names: string[]) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "capstan-migrations-"));
  temps.push(dir);
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  edit(
    dir,
    readMigrations(dir).map((m) => m.name),
  );
  return dir;
}

interface Run {
  child: ChildProcess;
  out: () => string;
  exit: Promise<number | null>;
}
function run(args: string[], url: string): Run {
  const child = spawn(tsx, [path.join(root, "scripts/migrate.ts"), ...args], { env: { ...process.env, DATABASE_URL: url } });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return { child, out: () => out, exit: new Promise((r) => child.on("exit", (code) => r(code))) };
}

describe("migrationLevel", () => {
  it("reads an empty database as every migration pending, and a migrated one as none", async () => {
    const url = await emptyDatabase("level_empty");
    const all = readMigrations().map((m) => m.name);
    expect(await migrationLevel(url)).toEqual({ pending: all, unknown: [], edited: [], failed: [], queueReady: false });
    await migrate(url);
    await migrateQueue(url);
    expect(await migrationLevel(url)).toEqual({ pending: [], unknown: [], edited: [], failed: [], queueReady: true });
  });

  it("tells an older image's folder (the database has more) from an edited migration", async () => {
    const url = await emptyDatabase("level_versions");
    await migrate(url);
    await migrateQueue(url);
    let last = "";
    const older = migrationsCopy((dir, names) => {
      last = names.at(-1)!;
      fs.rmSync(path.join(dir, last), { recursive: true });
    });
    expect(await migrationLevel(url, older)).toMatchObject({ pending: [], unknown: [last], edited: [] });
    // an older image waits for nothing: its schema only grew
    expect((await waitForMigrations(url, { timeoutMs: 0, intervalMs: 10, dir: older })).unknown).toEqual([last]);

    let first = "";
    const edited = migrationsCopy((dir, names) => {
      first = names[0]!;
      fs.appendFileSync(path.join(dir, first, "migration.sql"), "\n-- edited\n");
    });
    expect(await migrationLevel(url, edited)).toMatchObject({ pending: [], edited: [first] });
    await expect(waitForMigrations(url, { timeoutMs: 60_000, intervalMs: 10, dir: edited })).rejects.toThrow(`migration ${first} differs`);
  });

  it("refuses at once a failed migration, and gives up on a pending one after the timeout, naming the Job", async () => {
    const url = await emptyDatabase("level_failed");
    await expect(waitForMigrations(url, { timeoutMs: 200, intervalMs: 50 })).rejects.toThrow(
      /gave up after 0 s: \d+ migration\(s\) not applied yet.*capstan-migrate Job/,
    );
    await migrate(url);
    await migrateQueue(url);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = $1`, [readMigrations().at(-1)!.name]);
    await c.end();
    await expect(waitForMigrations(url, { timeoutMs: 60_000, intervalMs: 10 })).rejects.toThrow(/failed: fix the database/);
  });

  it("waits for a database that does not answer yet, then gives up", async () => {
    const lines: string[] = [];
    const url = "postgresql://nobody:x@127.0.0.1:9/none"; // port 9 (discard): nothing listens
    await expect(waitForMigrations(url, { timeoutMs: 300, intervalMs: 50, log: (l) => lines.push(l) })).rejects.toThrow(/does not answer/);
    expect(lines).toHaveLength(1); // said once, not at every look
  });
});

describe("migrate.ts", () => {
  it("wait holds until apply has run, then both exit 0; a second apply applies nothing", async () => {
    const url = await emptyDatabase("migrate_cli");
    const waiting = run(["wait", "--interval-seconds", "0.2", "--timeout-seconds", "120"], url);
    await expect.poll(() => waiting.out(), { timeout: 90_000 }).toContain("waiting:");
    expect(waiting.child.exitCode).toBeNull();
    const apply = run(["apply"], url);
    expect(await apply.exit, apply.out()).toBe(0);
    expect(apply.out()).toContain(`[migrate] applied ${readMigrations().length}:`);
    expect(apply.out()).toMatch(/bootstrap platform admin created\. Sign in as admin@capstan\.local with this password/);
    expect(await waiting.exit, waiting.out()).toBe(0);
    expect(waiting.out()).toContain("the database has every migration of this image");
    const again = run(["apply"], url);
    expect(await again.exit).toBe(0);
    expect(again.out()).toContain("[migrate] nothing to apply");
    expect(again.out()).not.toContain("bootstrap platform admin"); // once, into a database without users
  }, 180_000); // three tsx processes, each a few seconds to start on a busy machine

  it("exits 1 when it gives up, and 64 for a usage error", async () => {
    const url = await emptyDatabase("migrate_cli_timeout");
    const gaveUp = run(["wait", "--interval-seconds", "0.1", "--timeout-seconds", "0"], url);
    expect(await gaveUp.exit).toBe(1);
    expect(gaveUp.out()).toMatch(/gave up .*capstan-migrate Job/);
    const usage = run(["upgrade"], url);
    expect(await usage.exit).toBe(64);
  }, 120_000);
});
