// Offline `prisma migrate diff --from-migrations prisma/migrations --to-schema-datamodel schema.prisma`.
// Prisma 7's migrate commands need a native engine that cannot be downloaded here, so this runs the
// Prisma 6.19.3 CLI (npm alias "prisma6") with its WebAssembly engine; see prisma6-adapter.ts.
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { MIGRATIONS_DIR, readMigrations } from "../src/migrate";

export const ROOT = path.resolve(import.meta.dirname, "../../..");
export const SCHEMA = path.join(ROOT, "prisma/schema.prisma");
const CLI = path.join(path.dirname(createRequire(import.meta.url).resolve("prisma6/package.json")), "build/index.js");

export interface DiffResult {
  /** true when the migrations already produce the schema */
  inSync: boolean;
  /** SQL that takes a database migrated with the migrations to the schema */
  script: string;
}

/** `adminUrl` must allow CREATE/DROP DATABASE: the CLI replays the migrations into a shadow database. */
export async function diffMigrationsToSchema(adminUrl: string, { schema = SCHEMA, migrationsDir = MIGRATIONS_DIR } = {}): Promise<DiffResult> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "capstan-diff-"));
  try {
    // Prisma 7 forbids `url` in the datasource block and Prisma 6 requires one (the adapter connects,
    // so it is never used): give Prisma 6 a copy with a url line.
    const source = await fs.readFile(schema, "utf8");
    const schemaCopy = path.join(tmp, "schema.prisma");
    await fs.writeFile(schemaCopy, source.replace(/(datasource\s+\w+\s*\{)/, '$1\n  url = env("DATABASE_URL")'));
    const out = path.join(tmp, "migration.sql");
    const from = readMigrations(migrationsDir).length > 0 ? ["--from-migrations", migrationsDir] : ["--from-empty"];
    const args = [
      CLI,
      "migrate",
      "diff",
      "--config",
      path.join(ROOT, "prisma6.config.ts"),
      ...from,
      "--to-schema-datamodel",
      schemaCopy,
      "--script",
      "--exit-code",
      "-o",
      out,
    ];
    const code = await new Promise<number>((resolve, reject) => {
      execFile(process.execPath, args, { cwd: ROOT, env: { ...process.env, DATABASE_URL: adminUrl } }, (error, _stdout, stderr) => {
        const exit = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        if (exit === 0 || exit === 2) resolve(exit);
        else reject(new Error(`prisma migrate diff failed (exit ${exit}):\n${stderr}`));
      });
    });
    return { inSync: code === 0, script: await fs.readFile(out, "utf8") };
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
