// Prisma 7 CLI configuration: `prisma generate` (run on install) and, where Prisma's engine can be
// downloaded, `prisma migrate deploy`. Offline, migrations are written by packages/db/scripts and
// applied by packages/db/src/migrate.ts; see docs/migrations.md.
import { defineConfig } from "prisma/config";

// `prisma generate` never runs the native schema engine, but the CLI tries to download it first
// unless this points at an existing file. Any file will do; it is never executed.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "package.json";
process.env.CHECKPOINT_DISABLE ??= "1"; // no update check
process.env.PRISMA_HIDE_UPDATE_MESSAGE ??= "1";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/capstan" },
});
