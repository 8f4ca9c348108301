// What the deployment's init containers wait for (deploy/, `capstan wait-for-migrations`): a database that has
// every migration this image knows, applied by the capstan-migrate Job, so that pods of a new image never start
// against an old schema.
import { migrationLevel, type MigrationLevel } from "@capstan/db/migrate";

export interface WaitOptions {
  /** Give up after this long (ms); the kubelet then restarts the init container, which waits again. */
  timeoutMs: number;
  /** Time between two looks at the database (ms). */
  intervalMs: number;
  /** The migrations folder (default: the image's prisma/migrations). */
  dir?: string;
  log?: (line: string) => void;
}

/** Why a database at this level can never become right by waiting, or null when waiting may help. */
export function levelProblem(level: MigrationLevel): string | null {
  if (level.failed.length)
    return `migration ${level.failed.join(", ")} failed: fix the database, then delete its row in _prisma_migrations (docs/migrations.md)`;
  if (level.edited.length)
    return `migration ${level.edited.join(", ")} differs from the one applied: this image's migrations were edited after they were applied`;
  return null;
}

/**
 * Polls until the database at `url` has every migration of the image and the queue's schema.
 *
 * @returns the level reached (its `unknown` migrations, from a newer image, are logged, not refused).
 * @throws Error when a migration failed or was edited (waiting cannot help), or when `timeoutMs` passes,
 *   naming what is still pending. An unreachable database is waited for like a pending migration.
 */
export async function waitForMigrations(url: string, o: WaitOptions): Promise<MigrationLevel> {
  const log = o.log ?? (() => {});
  const deadline = Date.now() + o.timeoutMs;
  let said = "";
  for (;;) {
    let level: MigrationLevel | undefined;
    let why = "";
    try {
      level = await migrationLevel(url, o.dir);
    } catch (e) {
      why = `the database does not answer (${(e as Error).message})`;
    }
    if (level) {
      const problem = levelProblem(level);
      if (problem) throw new Error(problem);
      if (level.pending.length === 0 && level.queueReady) {
        if (level.unknown.length) log(`the database has migrations newer than this image: ${level.unknown.join(", ")}`);
        return level;
      }
      why = level.pending.length
        ? `${level.pending.length} migration(s) not applied yet, the first ${level.pending[0]}`
        : "the job queue's schema is not installed yet";
    }
    if (why !== said) log(`waiting: ${why}; the capstan-migrate Job applies them`);
    said = why;
    if (Date.now() >= deadline) throw new Error(`gave up after ${Math.round(o.timeoutMs / 1000)} s: ${why}; has the capstan-migrate Job run for this image?`);
    await new Promise((r) => setTimeout(r, o.intervalMs));
  }
}
