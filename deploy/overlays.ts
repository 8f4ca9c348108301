// The overlays the deploy tests check: every directory of deploy/overlays with a kustomization, rendered by
// the real `kubectl kustomize` (kubectl is required by .ci/run, so a machine without it fails rather than skips).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** deploy/overlays, absolute. */
export const OVERLAYS_DIR = path.join(import.meta.dirname, "overlays");

/** The overlays' directory names, sorted. */
export const overlays = fs
  .readdirSync(OVERLAYS_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.join(OVERLAYS_DIR, e.name, "kustomization.yaml")))
  .map((e) => e.name)
  .sort();

/** `kubectl kustomize deploy/overlays/<overlay>`: the rendered YAML stream. Throws when kubectl fails. */
export const render = (overlay: string) => execFileSync("kubectl", ["kustomize", path.join(OVERLAYS_DIR, overlay)], { encoding: "utf8" });
