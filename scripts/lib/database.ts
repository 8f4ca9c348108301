// The database the portal runs on: DATABASE_URL when set, otherwise an embedded PostgreSQL whose
// data lives under CAPSTAN_HOME (default .capstan/) and survives restarts. Migrations are applied.
import path from "node:path";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "@capstan/db/embedded";
import { migrate } from "@capstan/db/migrate";
import { migrateQueue } from "@capstan/db/queue";

export async function openDatabase(home: string): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  let url = process.env.DATABASE_URL;
  let embedded: EmbeddedDatabase | undefined;
  if (!url) {
    const port = Number(process.env.CAPSTAN_DB_PORT ?? 54329) || undefined; // 0 → any free port
    embedded = await startEmbeddedDatabase({ dir: path.join(home, "pg"), port });
    url = embedded.url;
  }
  const applied = await migrate(url);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(", ")}`);
  await migrateQueue(url);
  return { url, embedded };
}
