// The Prisma client for the portal and use cases. Migrations (`@capstan/db/migrate`) and the embedded
// server (`@capstan/db/embedded`) are separate entry points so they stay out of the web bundle.
export { createDb, db, poolUse, type Db, type Tx } from "./client";
export * from "./generated/prisma/client.ts";
