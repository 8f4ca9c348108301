// The migrations folder must describe exactly what schema.prisma describes (the drift check), and the
// offline applier must record history the way Prisma does.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { emptyDatabase } from "../../../tests/database";
import { diffMigrationsToSchema, ROOT } from "../scripts/prisma-diff";
import { migrate, MIGRATIONS_DIR, readMigrations } from "./migrate";

const adminUrl = () => inject("postgresAdminUrl");

describe("drift check", () => {
  it("passes: prisma/migrations produce prisma/schema.prisma", async () => {
    const { inSync, script } = await diffMigrationsToSchema(adminUrl());
    expect(inSync, `schema.prisma changed without a migration; run npm run db:migration -- <name>:\n${script}`).toBe(true);
  });

  it("fails when the schema gains a field that no migration adds", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "capstan-drift-"));
    try {
      fs.cpSync(path.join(ROOT, "prisma"), tmp, { recursive: true });
      const schema = path.join(tmp, "schema.prisma");
      const source = fs.readFileSync(schema, "utf8");
      fs.writeFileSync(
        schema,
        // After the User model's locale field, however the formatter aligned it.
        source.replace(/^(\s*locale\s+String\s+@default\("en"\))$/m, "$1\n  driftProbe Int @default(0)"),
      );
      const { inSync, script } = await diffMigrationsToSchema(adminUrl(), { schema, migrationsDir: path.join(tmp, "migrations") });
      expect(inSync).toBe(false);
      expect(script).toContain('"driftProbe" INTEGER NOT NULL DEFAULT 0');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe("migrate", () => {
  it("applies every migration once, then nothing, with Prisma's history rows", async () => {
    const url = await emptyDatabase("migrate_twice");
    const names = readMigrations().map((m) => m.name);
    expect(await migrate(url)).toEqual(names);
    expect(await migrate(url)).toEqual([]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`);
    await client.end();
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const r of rows) {
      const file = fs.readFileSync(path.join(MIGRATIONS_DIR, r.migration_name, "migration.sql"));
      expect(r.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(r.finished_at).toBeInstanceOf(Date);
    }
  });

  it("refuses a migration that was edited after it was applied", async () => {
    const url = await emptyDatabase("migrate_edited");
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "capstan-edited-"));
    try {
      fs.cpSync(MIGRATIONS_DIR, tmp, { recursive: true });
      await migrate(url, tmp);
      const first = readMigrations(tmp)[0]!;
      fs.appendFileSync(path.join(tmp, first.name, "migration.sql"), "\n-- edited\n");
      await expect(migrate(url, tmp)).rejects.toThrow(/edited after it was applied/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
