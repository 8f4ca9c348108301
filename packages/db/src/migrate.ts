// Applies prisma/migrations offline with plain `pg`, recording each in `_prisma_migrations` exactly as
// Prisma Migrate does (same table, sha256 of the file, same advisory lock), so `prisma migrate deploy`
// and `migrate status` agree wherever Prisma's engine can be downloaded.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../../prisma/migrations");

/** The advisory lock key Prisma Migrate takes on PostgreSQL: one migrator at a time. */
const PRISMA_MIGRATE_LOCK = 72707369;

/** Prisma's own DDL for its bookkeeping table. */
const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** Migration folders in name (timestamp) order, as Prisma lists them. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const bytes = fs.readFileSync(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

/** Applies pending migrations, each in one transaction with its history row; returns their names. */
export async function migrate(url: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    await client.query(HISTORY_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const failed = rows.find((r) => r.finished_at === null);
    if (failed) throw new Error(`Migration ${failed.migration_name} is marked as failed; fix the database, then delete its row in _prisma_migrations.`);
    const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    for (const m of readMigrations(dir)) {
      const checksum = done.get(m.name);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) throw new Error(`Migration ${m.name} was edited after it was applied; add a new migration instead.`);
        continue;
      }
      const startedAt = new Date();
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, $4, clock_timestamp(), 1)`,
          [randomUUID(), m.checksum, m.name, startedAt],
        );
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(e as Error).message}`, { cause: e });
      }
      applied.push(m.name);
    }
  } finally {
    await client.end(); // ending the session releases the advisory lock
  }
  return applied;
}

/**
 * Where a database stands against a migrations folder (an image's), read-only: no lock taken, no table made.
 * `pending`: the folder's migrations the database lacks (in order); `unknown`: applied migrations the folder does
 * not have (a newer image migrated it: older code runs on a schema that only grew, so this is no reason to
 * wait); `edited`: applied with another checksum; `failed`: started and never finished. The queue's schema
 * (graphile-worker) is `queueReady` when its migrations table exists.
 */
export interface MigrationLevel {
  pending: string[];
  unknown: string[];
  edited: string[];
  failed: string[];
  queueReady: boolean;
}

/** Reads the database's migration history against `dir` (see MigrationLevel). Throws when the database cannot be reached. */
export async function migrationLevel(url: string, dir = MIGRATIONS_DIR): Promise<MigrationLevel> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ history: string | null; queue: string | null }>(
      `SELECT to_regclass('"_prisma_migrations"')::text AS history, to_regclass('graphile_worker.migrations')::text AS queue`,
    );
    const rows = tables[0]?.history
      ? (
          await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
            `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
          )
        ).rows
      : [];
    const known = readMigrations(dir);
    const names = new Set(known.map((m) => m.name));
    const done = new Map(rows.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r.checksum]));
    return {
      pending: known.filter((m) => !done.has(m.name)).map((m) => m.name),
      unknown: [...done.keys()].filter((n) => !names.has(n)).sort(),
      edited: known.filter((m) => done.has(m.name) && done.get(m.name) !== m.checksum).map((m) => m.name),
      failed: rows.filter((r) => r.finished_at === null).map((r) => r.migration_name),
      queueReady: Boolean(tables[0]?.queue),
    };
  } finally {
    await client.end();
  }
}
