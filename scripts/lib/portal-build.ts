// Builds the portal when it has never been built or its sources changed since the last build (the
// commit plus uncommitted changes), so `npm start` after a pull or an edit serves the new code.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const portal = path.join(root, "apps/portal");
const stampFile = path.join(portal, ".next/capstan-source-stamp");

export async function ensurePortalBuilt(env: NodeJS.ProcessEnv, force = false): Promise<boolean> {
  const stamp = sourceStamp();
  const built = fs.existsSync(path.join(portal, ".next/BUILD_ID")) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp;
  if (built && !force) return true;
  console.log("Building the portal…");
  const build = spawn("npm", ["run", "build", "-w", "@capstan/portal"], { cwd: root, stdio: "inherit", env: { ...env, NEXT_TELEMETRY_DISABLED: "1" } });
  const status = await new Promise<number | null>((resolve) => build.once("exit", resolve));
  if (status !== 0) return false;
  fs.writeFileSync(stampFile, stamp);
  return true;
}

/** "" outside git, where only a missing build triggers one. */
function sourceStamp(): string {
  const git = (...args: string[]) => spawnSync("git", args, { cwd: root, encoding: "utf8" }).stdout ?? "";
  const head = git("rev-parse", "HEAD").trim();
  if (!head) return "";
  const scope = ["--", "apps/portal", "packages"];
  return createHash("sha256")
    .update(head)
    .update(git("status", "--porcelain", ...scope))
    .update(git("diff", "HEAD", ...scope))
    .digest("hex");
}

// `tsx scripts/lib/portal-build.ts [--if-changed]`: the build after `npm install` (only when the sources
// changed, so `npm start` right after `npm ci` serves at once) and the test suite's build step.
if (process.argv[1] === import.meta.filename) process.exit((await ensurePortalBuilt(process.env, !process.argv.includes("--if-changed"))) ? 0 : 1);
