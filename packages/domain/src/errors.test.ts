// Errors carry a reason from one catalogue (error-reasons.ts) and the params of its English text, so the
// portal can render them in the reader's language; the API's code, message and fields stay as they were.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_REASONS, renderReason } from "./error-reasons";
import { domainError, forbidden, notFound, staleVersion, unauthenticated } from "./errors";
import { DepartmentCreate } from "./schemas";
import { parseInput } from "./validation";

describe("errors from the catalogue", () => {
  it("render their English text from the reason's template and keep reason and params", () => {
    const e = notFound("Data centre", "dc-1", { dataCentre: "does not exist" });
    expect(e).toMatchObject({
      code: "not_found",
      status: 404,
      message: 'Data centre "dc-1" was not found.',
      reason: "not_found",
      params: { what: "Data centre", name: "dc-1" },
      fields: { dataCentre: "does not exist" },
    });
    expect(staleVersion("Group", "web")).toMatchObject({
      code: "stale_version",
      status: 409,
      message: 'Group "web" was changed by someone else. Reload and try again.',
      reason: "stale_version",
      fields: { version: "out of date" },
    });
    expect(forbidden()).toMatchObject({ code: "forbidden", status: 403, message: "You are not allowed to do this.", reason: "forbidden", params: {} });
    expect(unauthenticated()).toMatchObject({ code: "unauthenticated", status: 401, reason: "unauthenticated" });
    expect(domainError("registry_answered", { dataCentre: "dc-1", status: 503 }).message).toBe("The registry of dc-1 answered 503.");
  });

  it("refuse a template whose params are missing", () => {
    expect(() => renderReason("not_found", { what: "Group" })).toThrow(/needs the param name/);
  });

  it("name invalid fields with the summary as a param", () => {
    const e = (() => {
      try {
        parseInput(DepartmentCreate, { name: "Not A Name", displayName: "D" });
      } catch (error) {
        return error;
      }
    })();
    expect(e).toMatchObject({ code: "invalid", status: 422, reason: "invalid_request" });
    expect((e as Error).message).toBe(`Invalid request: ${(e as { params: { summary: string } }).params.summary}`);
  });

  it("have a kind and status for every reason", () => {
    for (const [reason, entry] of Object.entries(ERROR_REASONS))
      expect([reason, entry.code, entry.status]).toEqual([reason, expect.stringMatching(/^[a-z_]+$/), expect.any(Number)]);
  });
});

/** The non-test sources of the domain and the use cases. */
function sources(): [string, string][] {
  const roots = ["packages/domain/src", "packages/usecases/src"].map((r) => path.resolve(import.meta.dirname, "../../..", r));
  return roots.flatMap((root) =>
    fs
      .readdirSync(root, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.includes("generated"))
      .map(
        (f) =>
          [path.relative(path.resolve(import.meta.dirname, "../../.."), path.join(root, f)), fs.readFileSync(path.join(root, f), "utf8")] as [string, string],
      ),
  );
}

describe("errors the domain and the use cases throw", () => {
  const files = sources().filter(([file]) => !file.endsWith("domain/src/errors.ts"));

  it("are made by the helpers in errors.ts, never with new DomainError", () => {
    expect(files.filter(([, text]) => text.includes("new DomainError(")).map(([file]) => file)).toEqual([]);
  });

  it("name only reasons in the catalogue", () => {
    const reasons = files.flatMap(([, text]) => [...text.matchAll(/\bdomainError\(\s*"([^"]+)"/g)].map((m) => m[1]));
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.filter((r) => !(r! in ERROR_REASONS))).toEqual([]);
  });

  // Free-text messages (invalid("…"), conflict("…"), forbidden("…") …) have no reason yet: they are to be
  // moved into the catalogue. Their number may only go down; lower it here when you move some.
  const FREE_TEXT_LEFT = 13;
  it(`have no more than ${FREE_TEXT_LEFT} free-text messages`, () => {
    const freeText = files.flatMap(([file, text]) =>
      [...text.matchAll(/\b(invalid|badRequest|conflict|forbidden|unauthenticated)\(\s*[^)\s]/g)].map(() => file),
    );
    expect(freeText.length).toBeLessThanOrEqual(FREE_TEXT_LEFT);
  });
});
