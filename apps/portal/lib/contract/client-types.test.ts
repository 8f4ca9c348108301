// The portal's client components take the API's types from the response schemas (@capstan/domain:
// z.infer of packages/domain/src/responses.ts), so a change to an answer reaches them through the type
// checker. They import no server code's types and declare none of their own (issue 13).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const PORTAL = path.resolve(import.meta.dirname, "../..");
const clientFiles = ["components", "app"]
  .flatMap((dir) => fs.readdirSync(path.join(PORTAL, dir), { recursive: true, encoding: "utf8" }).map((f) => path.join(dir, f)))
  .filter((f) => f.endsWith(".tsx") && /^\s*["']use client["']/.test(fs.readFileSync(path.join(PORTAL, f), "utf8")));
const responseTypes = [...fs.readFileSync(path.resolve(PORTAL, "../../packages/domain/src/responses.ts"), "utf8").matchAll(/^export type (\w+)/gm)].map(
  (m) => m[1]!,
);
/** Names client components used for their own copies of server types before issue 13. */
const FORMER_COPIES = ["Pod", "Page", "Member", "Role", "Warning", "GroupDetailData"];
const ROLE_LIST = /\[\s*"(PLATFORM_ADMIN|DEPARTMENT_ADMIN)"\s*,/;

describe("client components use the contract's types", () => {
  it("finds the client components", () => expect(clientFiles.length).toBeGreaterThan(20));

  it.each(clientFiles)("%s imports no server types and declares no copy of one", (file) => {
    const text = fs.readFileSync(path.join(PORTAL, file), "utf8");
    expect(text, "types of @capstan/usecases: take them from @capstan/domain").not.toMatch(/from "@capstan\/usecases"/);
    const declared = [...text.matchAll(/^\s*(?:export\s+)?(?:type|interface)\s+(\w+)/gm)].map((m) => m[1]!);
    expect(declared.filter((n) => FORMER_COPIES.includes(n) || responseTypes.includes(n))).toEqual([]);
    expect(text, "a list of roles: use DEPARTMENT_ROLES").not.toMatch(ROLE_LIST);
  });
});
