// Operator commands: `npm run cli -- token create --user EMAIL [--expires 1d] [--name NAME]`.
// Uses DATABASE_URL, or the embedded database under CAPSTAN_HOME (attaching to it if `npm start` runs).
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb } from "@capstan/db";
import { parseDuration } from "@capstan/domain";
import { createApiToken, loadActor } from "@capstan/usecases";
import { openDatabase } from "./lib/database";

const USAGE = "usage: npm run cli -- token create --user EMAIL [--expires 1d|12h|2w] [--name NAME]";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { user: { type: "string" }, expires: { type: "string", default: "30d" }, name: { type: "string", default: "cli" } },
});
if (positionals.join(" ") !== "token create" || !values.user) fail(USAGE);
const ttl = parseDuration(values.expires);
if (!ttl || ttl > 365 * 86_400_000) fail(`--expires must be 90m, 12h, 7d, 2w or similar, at most 365d (got "${values.expires}")`);

const home = path.resolve(import.meta.dirname, "..", process.env.CAPSTAN_HOME ?? ".capstan");
const { url, embedded } = await openDatabase(home);
const db = createDb(url, 1);
try {
  const user = await db.user.findUnique({ where: { email: values.user.toLowerCase() } });
  if (!user) fail(`No user has the email ${values.user}.`);
  const input = { name: values.name, expiresInDays: Math.min(365, Math.max(1, Math.ceil(ttl / 86_400_000))) };
  const created = await createApiToken({ db, actor: await loadActor(db, user.id) }, input, { via: "cli", ttlMs: ttl });
  console.log(created.token);
} finally {
  await db.$disconnect();
  await embedded?.stop();
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
