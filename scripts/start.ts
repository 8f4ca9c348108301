// `npm start`: the embedded default. Starts PostgreSQL (unless DATABASE_URL is set), applies migrations,
// seeds demo data once, builds the portal if needed and serves it on PORT (default 3000).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "@capstan/db";
import { openDatabase } from "./lib/database";
import { DEMO_USERS, seedDemoData } from "./lib/demo-data";

const root = path.resolve(import.meta.dirname, "..");
const home = path.resolve(root, process.env.CAPSTAN_HOME ?? ".capstan");
const portal = path.join(root, "apps/portal");
const port = process.env.PORT ?? "3000";
fs.mkdirSync(home, { recursive: true });

const { url, embedded } = await openDatabase(home);
const db = createDb(url, 2);
if (await seedDemoData(db)) {
  console.log("\nDemo data seeded. Sign in with one of these accounts:");
  for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(28)} ${u.password.padEnd(18)} ${"platformRole" in u ? u.platformRole : `${u.department[1]} of ${u.department[0]}`}`);
  console.log();
}
await db.$disconnect();

// Secrets persist with the data: sessions survive restarts and sealed kubeconfigs stay readable.
const authSecret = persistedSecret("AUTH_SECRET", "auth-secret");
const secretKey = persistedSecret("CAPSTAN_SECRET_KEY", "secret-key");

if (!fs.existsSync(path.join(portal, ".next/BUILD_ID")) || process.env.CAPSTAN_REBUILD === "1") {
  console.log("Building the portal (first start only)…");
  const build = spawnSync("npm", ["run", "build", "-w", "@capstan/portal"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", port], {
  cwd: portal,
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: url, AUTH_SECRET: authSecret, CAPSTAN_SECRET_KEY: secretKey, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
console.log(`Capstan is starting on http://localhost:${port}`);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  server.kill("SIGTERM");
  await embedded?.stop();
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
server.on("exit", (code) => void stop(code ?? 0));

/** The environment's value, else one generated once into CAPSTAN_HOME (32 random bytes, base64). */
function persistedSecret(variable: string, file: string): string {
  const fromEnv = process.env[variable];
  if (fromEnv) return fromEnv;
  const where = path.join(home, file);
  if (!fs.existsSync(where)) fs.writeFileSync(where, randomBytes(32).toString("base64"), { mode: 0o600 });
  return fs.readFileSync(where, "utf8").trim();
}
