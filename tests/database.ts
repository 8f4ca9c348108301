// A fresh, migrated database for one test file, cloned from the template the global setup made.
import { randomBytes } from "node:crypto";
import { createDb, type Db } from "@capstan/db";
import pg from "pg";
import { inject } from "vitest";

export async function testDatabase(): Promise<{ db: Db; url: string }> {
  const adminUrl = inject("postgresAdminUrl");
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE capstan`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  return { db: createDb(url, 5), url };
}

/** An empty database (no schema, no migrations) named `name`, dropped first if it exists; returns its URL. */
export async function emptyDatabase(name: string): Promise<string> {
  const adminUrl = inject("postgresAdminUrl");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}
