// The database's migrations for a deployment (deploy/, the image's `capstan migrate` and
// `capstan wait-for-migrations`):
//   migrate.ts apply   applies pending migrations (prisma/migrations, under Prisma's advisory lock) and the job
//                      queue's schema, then, into a database without users, the bootstrap admin whose one-time
//                      password it prints once (scripts/lib/first-run.ts, as npm start does); what the
//                      capstan-migrate Job runs before a rollout
//   migrate.ts wait    waits until the database has every migration this image knows; what the portal's,
//                      worker's and gateway's init containers run, so a new image never starts on an old schema
//                      [--timeout-seconds N (600)] [--interval-seconds N (2)]
// DATABASE_URL names the database. Exit codes: 0 done, 1 failed or gave up, 64 usage.
import { parseArgs } from "node:util";
import { createDb } from "@capstan/db";
import { migrate } from "@capstan/db/migrate";
import { migrateQueue } from "@capstan/db/queue";
import { bootstrapEmail, seedBootstrapAdmin } from "./lib/first-run";
import { waitForMigrations } from "./lib/migration-wait";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { "timeout-seconds": { type: "string", default: "600" }, "interval-seconds": { type: "string", default: "2" } },
});
const command = positionals[0];
const url = process.env.DATABASE_URL;
const timeoutSeconds = Number(values["timeout-seconds"]);
const intervalSeconds = Number(values["interval-seconds"]);
if (!url || (command !== "apply" && command !== "wait") || !(timeoutSeconds >= 0) || !(intervalSeconds > 0)) {
  console.error("usage: DATABASE_URL=… migrate.ts apply | wait [--timeout-seconds N] [--interval-seconds N]");
  process.exit(64);
}

try {
  if (command === "apply") {
    const applied = await migrate(url);
    await migrateQueue(url);
    console.log(applied.length ? `[migrate] applied ${applied.length}: ${applied.join(", ")}` : "[migrate] nothing to apply");
    const db = createDb(url, 1);
    try {
      const email = bootstrapEmail();
      const password = await seedBootstrapAdmin(db, email);
      // Shown this once (the Job's log) and stored nowhere but as a hash; it must be changed at first sign-in.
      if (password) console.log(`[migrate] bootstrap platform admin created. Sign in as ${email} with this password, then choose your own:\n\n  ${password}\n`);
    } finally {
      await db.$disconnect();
    }
  } else {
    const log = (line: string) => console.log(`[wait-for-migrations] ${line}`);
    await waitForMigrations(url, { timeoutMs: timeoutSeconds * 1000, intervalMs: intervalSeconds * 1000, log });
    log("the database has every migration of this image");
  }
} catch (e) {
  console.error(`[${command === "apply" ? "migrate" : "wait-for-migrations"}] ${(e as Error).message}`);
  process.exit(1);
}
