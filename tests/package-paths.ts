// Finds package.json entries that point at nothing: workspaces, main/types/bin/exports, and the files,
// projects and scripts that scripts name. npm only notices these when the entry is used, often much later.
import fs from "node:fs";
import path from "node:path";

interface Manifest {
  name?: string;
  main?: string;
  types?: string;
  bin?: string | Record<string, string>;
  exports?: unknown;
  workspaces?: string[];
  scripts?: Record<string, string>;
}

interface Package {
  dir: string;
  manifest: Manifest;
}

const read = (dir: string): Package => ({ dir, manifest: JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest });

/**
 * The workspace directories a `workspaces` entry names. Only `dir` and `dir/*` are understood (npm also
 * takes full globs); anything else is reported, so that a new pattern is not silently skipped.
 */
function workspaceDirs(root: string, pattern: string, problems: string[]): string[] {
  if (/[*?[{]/.test(pattern.replace(/\/\*$/, ""))) {
    problems.push(`package.json: workspaces pattern "${pattern}" is not understood by tests/package-paths.ts`);
    return [];
  }
  if (!pattern.endsWith("/*")) return [path.join(root, pattern)];
  const parent = path.join(root, pattern.slice(0, -2));
  if (!fs.existsSync(parent)) return [parent];
  return fs
    .readdirSync(parent, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.join(parent, d.name));
}

/** Every string in an `exports` value (subpaths and conditions nest; null excludes a subpath). */
function exportTargets(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(exportTargets);
  if (value && typeof value === "object") return Object.values(value).flatMap(exportTargets);
  return [];
}

/**
 * Checks what one command of a script names: the file `tsx`/`node` run, the project `tsc -p` reads, and
 * the script (and workspace) `npm run` runs. Other commands (next, eslint, turbo …) are not looked into.
 */
function commandTargets(words: string[], packages: Package[], own: Package, problems: string[], where: string): void {
  const [command, ...args] = words;
  const positional = args.filter((a) => !a.startsWith("-"));
  if (command === "tsx" || command === "node") {
    const file = positional[0];
    if (file && !fs.existsSync(path.join(own.dir, file))) problems.push(`${where}: ${command} runs ${file}, which does not exist`);
  } else if (command === "tsc") {
    const i = args.findIndex((a) => a === "-p" || a === "--project");
    const project = i >= 0 ? args[i + 1] : undefined;
    if (project && !fs.existsSync(path.join(own.dir, project))) problems.push(`${where}: tsc -p ${project}, which does not exist`);
  } else if (command === "npm" && (args[0] === "run" || args[0] === "run-script")) {
    let workspace: string | undefined;
    let script: string | undefined;
    for (let i = 1; i < args.length; i++) {
      const a = args[i]!;
      if (a === "--") break;
      if (a === "-w" || a === "--workspace") workspace = args[++i];
      else if (!a.startsWith("-") && script === undefined) script = a;
    }
    const target =
      workspace === undefined ? own : packages.find((p) => p.manifest.name === workspace || path.resolve(p.dir) === path.resolve(own.dir, workspace));
    if (!target) problems.push(`${where}: npm run -w ${workspace}, a workspace that does not exist`);
    else if (script && !target.manifest.scripts?.[script])
      problems.push(`${where}: npm run ${script}${workspace ? ` -w ${workspace}` : ""}, a script that does not exist`);
  }
}

/**
 * Problems (one line each, naming the package.json and entry) with every package.json of the repository
 * rooted at `root` and of its workspaces; empty when every path they reference exists.
 */
export function packagePathProblems(root: string): string[] {
  const problems: string[] = [];
  const rootPackage = read(root);
  const packages = [rootPackage];
  for (const pattern of rootPackage.manifest.workspaces ?? []) {
    const dirs = workspaceDirs(root, pattern, problems);
    if (dirs.length === 0) problems.push(`package.json: workspaces pattern "${pattern}" matches no directory`);
    for (const dir of dirs) {
      if (fs.existsSync(path.join(dir, "package.json"))) packages.push(read(dir));
      else problems.push(`package.json: workspace ${path.relative(root, dir)} has no package.json`);
    }
  }
  for (const own of packages) {
    const file = path.relative(root, path.join(own.dir, "package.json"));
    const { main, types, bin, exports, scripts } = own.manifest;
    const entries: [string, string][] = [
      ...(main ? [["main", main] as [string, string]] : []),
      ...(types ? [["types", types] as [string, string]] : []),
      ...(typeof bin === "string" ? [["bin", bin] as [string, string]] : Object.entries(bin ?? {}).map(([k, v]) => [`bin.${k}`, v] as [string, string])),
      ...exportTargets(exports).map((t) => ["exports", t] as [string, string]),
    ];
    for (const [entry, target] of entries) {
      // A subpath pattern ("./*": "./src/*.ts") names a folder, not a file.
      const checked = target.includes("*") ? path.dirname(target.slice(0, target.indexOf("*") + 1)) : target;
      if (!fs.existsSync(path.join(own.dir, checked))) problems.push(`${file}: ${entry} points at ${target}, which does not exist`);
    }
    for (const [name, line] of Object.entries(scripts ?? {})) {
      for (const command of line.split(/&&|\|\||;|\|/)) {
        const words = command.trim().split(/\s+/).filter(Boolean);
        if (words.length > 0) commandTargets(words, packages, own, problems, `${file}: scripts.${name}`);
      }
    }
  }
  return problems;
}
