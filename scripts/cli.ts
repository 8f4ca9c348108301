// Operator commands, run beside the portal:
//   npm run cli -- token create --user EMAIL [--expires 1d] [--name NAME]
//   npm run cli -- user reset-password --user EMAIL   (a one-time password that must be changed at sign-in)
//   npm run cli -- secrets rotate      (reseal with CAPSTAN_SECRET_KEY what CAPSTAN_SECRET_KEY_PREVIOUS sealed)
// Uses DATABASE_URL, or the embedded database under CAPSTAN_HOME (attaching to it if `npm start` runs).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb, type Db } from "@capstan/db";
import { resealStale } from "@capstan/db/reseal";
import { secrets } from "@capstan/db/secrets";
import { parseDuration } from "@capstan/domain";
import { createApiToken } from "@capstan/usecases";
import { loadActor } from "@capstan/usecases/internal";
import { openDatabase } from "./lib/database";
import { resetToOneTimePassword } from "./lib/first-run";

const USAGE = `usage:
  npm run cli -- token create --user EMAIL [--expires 1d|12h|2w] [--name NAME]
  npm run cli -- user reset-password --user EMAIL
  npm run cli -- secrets rotate`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { user: { type: "string" }, expires: { type: "string", default: "30d" }, name: { type: "string", default: "cli" } },
});
const command = positionals.join(" ");
if (command !== "token create" && command !== "user reset-password" && command !== "secrets rotate") fail(USAGE);

const home = path.resolve(import.meta.dirname, "..", process.env.CAPSTAN_HOME ?? ".capstan");
const keyFile = path.join(home, "secret-key");
if (!process.env.CAPSTAN_SECRET_KEY && fs.existsSync(keyFile)) process.env.CAPSTAN_SECRET_KEY = fs.readFileSync(keyFile, "utf8").trim();
const { url, embedded } = await openDatabase(home);
const db = createDb(url, 1);
try {
  if (command === "token create") await createToken(db);
  else if (command === "user reset-password") await resetPassword(db);
  else await rotateSecrets(db);
} finally {
  await db.$disconnect();
  await embedded?.stop();
}

async function createToken(db: Db) {
  if (!values.user) fail(USAGE);
  const ttl = parseDuration(values.expires);
  if (!ttl || ttl > 365 * 86_400_000) fail(`--expires must be 90m, 12h, 7d, 2w or similar, at most 365d (got "${values.expires}")`);
  const user = await db.user.findUnique({ where: { email: values.user.toLowerCase() } });
  if (!user) fail(`No user has the email ${values.user}.`);
  const input = { name: values.name, expiresInDays: Math.min(365, Math.max(1, Math.ceil(ttl / 86_400_000))) };
  const created = await createApiToken({ db, actor: await loadActor(db, user.id) }, input, { via: "cli", ttlMs: ttl });
  console.log(created.token);
}

/** Prints a one-time password for the account; its sessions and tokens end (scripts/lib/first-run.ts). */
async function resetPassword(db: Db) {
  if (!values.user) fail(USAGE);
  const password = await resetToOneTimePassword(db, values.user);
  if (password === null) fail(`No user has the email ${values.user}.`);
  console.log(password);
}

/** Reseals every secret sealed with an older key (packages/db/src/reseal.ts), in one transaction, and audits the count. */
async function rotateSecrets(db: Db) {
  const resealed = await db.$transaction(async (tx) => {
    const n = await resealStale(tx, secrets());
    await tx.auditEvent.create({
      data: { actorEmail: "cli", action: "secrets.rotate", targetType: "secrets", targetId: "all", targetName: "secrets", after: { resealed: n } },
    });
    return n;
  });
  console.log(`Resealed ${resealed} secret(s) with the current key. CAPSTAN_SECRET_KEY_PREVIOUS can now be removed.`);
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
