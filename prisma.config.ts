// Prisma CLI configuration (Prisma 7 reads the connection URL from here, not from schema.prisma).
// Migrations are applied by our offline applier (packages/db/src/migrate.ts); with internet access,
// `prisma migrate deploy` works on the same folder.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/capstan" },
});
