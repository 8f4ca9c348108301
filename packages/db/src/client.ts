import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;
/** The client handed to use cases inside a transaction. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function createDb(url: string, poolSize = 10): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolSize }) });
}

const globalForDb = globalThis as unknown as { capstanDb?: Db };

/** The process-wide client, from DATABASE_URL; survives Next.js hot reloads. */
export function db(): Db {
  if (!globalForDb.capstanDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    globalForDb.capstanDb = createDb(url);
  }
  return globalForDb.capstanDb;
}
