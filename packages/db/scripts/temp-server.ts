// A throw-away PostgreSQL server for the migration tooling.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedDatabase } from "../src/embedded";

export async function withTempServer<T>(work: (server: Awaited<ReturnType<typeof startEmbeddedDatabase>>) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "capstan-pg-"));
  fs.chmodSync(dir, 0o755); // as root, PostgreSQL runs as its own user and must reach its data folder
  const server = await startEmbeddedDatabase({ dir: path.join(dir, "data"), persistent: false });
  try {
    return await work(server);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
