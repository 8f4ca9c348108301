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

// The session-signing secret persists with the data so sign-ins survive restarts.
const secretFile = path.join(home, "auth-secret");
if (!process.env.AUTH_SECRET && !fs.existsSync(secretFile)) fs.writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
const authSecret = process.env.AUTH_SECRET ?? fs.readFileSync(secretFile, "utf8").trim();

if (!fs.existsSync(path.join(portal, ".next/BUILD_ID")) || process.env.CAPSTAN_REBUILD === "1") {
  console.log("Building the portal (first start only)…");
  const build = spawnSync("npm", ["run", "build", "-w", "@capstan/portal"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", port], {
  cwd: portal,
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: url, AUTH_SECRET: authSecret, NODE_ENV: "production" },
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
