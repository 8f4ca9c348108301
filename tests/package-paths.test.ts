// Every path a package.json references exists (issue 13: the worker's `main` and db's `check-drift`
// script pointed at files that were never there).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { packagePathProblems } from "./package-paths";

it("every package.json of the repository references only paths that exist", () => {
  expect(packagePathProblems(path.resolve(import.meta.dirname, ".."))).toEqual([]);
});

it("reports each kind of entry that points at nothing", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "capstan-package-paths-"));
  const write = (file: string, json: object) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), JSON.stringify(json));
  };
  try {
    fs.mkdirSync(path.join(root, "scripts"));
    fs.writeFileSync(path.join(root, "scripts/here.ts"), "");
    write("package.json", {
      workspaces: ["packages/*", "gone"],
      scripts: {
        ok: "tsx scripts/here.ts && npm run -s real -w @x/a --",
        file: "tsx scripts/missing.ts",
        project: "tsc -p nowhere",
        script: "npm run nothing",
        workspace: "npm run real -w @x/none",
      },
    });
    write("packages/a/package.json", {
      name: "@x/a",
      main: "src/index.ts",
      bin: { a: "bin/a.js" },
      exports: { ".": "./src/index.ts", "./sub": { import: "./src/sub.ts" } },
      scripts: { real: "node main.js" },
    });
    expect(packagePathProblems(root).sort()).toEqual(
      [
        "package.json: workspace gone has no package.json",
        "package.json: scripts.file: tsx runs scripts/missing.ts, which does not exist",
        "package.json: scripts.project: tsc -p nowhere, which does not exist",
        "package.json: scripts.script: npm run nothing, a script that does not exist",
        "package.json: scripts.workspace: npm run -w @x/none, a workspace that does not exist",
        "packages/a/package.json: main points at src/index.ts, which does not exist",
        "packages/a/package.json: bin.a points at bin/a.js, which does not exist",
        "packages/a/package.json: exports points at ./src/index.ts, which does not exist",
        "packages/a/package.json: exports points at ./src/sub.ts, which does not exist",
        "packages/a/package.json: scripts.real: node runs main.js, which does not exist",
      ].sort(),
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
