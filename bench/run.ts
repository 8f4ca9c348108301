// `npm run bench`: runs every bench/*.bench.ts in turn and prints their figures.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dir = import.meta.dirname;
const only = process.argv[2];
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".bench.ts")).sort()) {
  if (only && !file.includes(only)) continue;
  console.log(`\n▶ ${file}`);
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, file)], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
