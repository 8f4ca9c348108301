// The embedded default's git repository (docs/builds.md): a tiny image source under CAPSTAN_HOME whose
// build needs no network (FROM scratch + COPY), served to the simulated build pods over git's local
// file:// transport, and the demo application pointed at it, so a newcomer can click Build at once.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "@capstan/db";

/** The demo application built from the demo repository. */
export const DEMO_BUILD_APP = { system: "shop", application: "storefront" } as const;

const git = (dir: string, ...args: string[]) =>
  execFileSync("git", ["-C", dir, "-c", "user.name=Capstan", "-c", "user.email=capstan@localhost", ...args], { stdio: "pipe" });

/**
 * Creates `<home>/demo-repo` once (a git repository on branch main with a Dockerfile and a page) and
 * points the demo application at it while it has no repository of its own. Resolves to the repository's
 * file:// URL; does nothing (and resolves to null) when git is missing.
 */
export async function ensureDemoRepository(db: Db, home: string): Promise<string | null> {
  const dir = path.join(home, "demo-repo");
  try {
    if (!fs.existsSync(path.join(dir, ".git"))) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "Dockerfile"), "# Builds with no network: nothing to pull.\nFROM scratch\nCOPY index.html /srv/index.html\n");
      fs.writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>storefront</title><h1>Built by Capstan</h1>\n");
      git(dir, "init", "--quiet", "--initial-branch=main");
      git(dir, "add", ".");
      git(dir, "commit", "--quiet", "-m", "The demo storefront");
    }
  } catch {
    return null;
  }
  const url = `file://${dir}`;
  const s = await db.system.findUnique({ where: { name: DEMO_BUILD_APP.system } });
  if (s)
    await db.application.updateMany({
      where: { systemId: s.id, name: DEMO_BUILD_APP.application, gitRepository: null },
      data: { gitRepository: url, gitBranch: "main", dockerfilePath: "Dockerfile" },
    });
  return url;
}

/** Whether this machine has buildah, which the simulated kubelet builds with. */
export function hasBuildah(): boolean {
  try {
    execFileSync("buildah", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
