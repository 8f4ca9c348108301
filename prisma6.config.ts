// Config for the Prisma 6.19.3 CLI (npm alias "prisma6"), used ONLY for offline `migrate diff`
// through its WebAssembly schema engine. Called only by packages/db/scripts/prisma-diff.ts.
import { defineConfig } from "prisma6/config";
import { MigrationPg } from "./packages/db/scripts/prisma6-adapter.ts";

// With engine "js" no native engine is used, but the CLI still tries to download them unless
// these point at an existing file (never executed).
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= "package.json";
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "package.json";
process.env.CHECKPOINT_DISABLE ??= "1"; // no update/telemetry check

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // DATABASE_URL: a server where the CLI may CREATE/DROP its shadow database.
  adapter: async () => new MigrationPg(process.env.DATABASE_URL!),
});
