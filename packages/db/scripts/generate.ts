// `prisma generate` with Prisma 7. Called by path because the Prisma 6 CLI (kept only for offline
// `migrate diff`, see prisma-diff.ts) also installs a `prisma` bin, and npm may link either.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../..");
const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
execFileSync(process.execPath, [cli, "generate", "--config", path.join(root, "prisma.config.ts")], { cwd: root, stdio: "inherit" });
