// Errors carry a reason from one catalogue (error-reasons.ts) and the params of its English text, so the
// portal can render them in the reader's language; the API's code, message and fields stay as they were.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_REASONS, FIELD_REASONS, renderFieldReason, renderReason } from "./error-reasons";
import { domainError, fieldError, forbidden, notFound, staleVersion, unauthenticated } from "./errors";
import { DepartmentCreate } from "./schemas";
import { parseInput } from "./validation";

describe("errors from the catalogue", () => {
  it("render their English text from the reason's template and keep reason and params", () => {
    const e = notFound("Data centre", "dc-1", { dataCentre: fieldError("not_found") });
    expect(e).toMatchObject({
      code: "not_found",
      status: 404,
      message: 'Data centre "dc-1" was not found.',
      reason: "not_found",
      params: { what: "Data centre", name: "dc-1" },
      fields: { dataCentre: "does not exist" },
      fieldReasons: { dataCentre: { reason: "not_found", params: {} } },
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
    expect(() => fieldError("not_department_member")).toThrow(/field reason not_department_member needs the param department/);
  });

  it("give each field its own reason, params and English", () => {
    const e = domainError("user_unknown", { email: "a@b.c" }, { email: fieldError("not_department_member", { department: "retail" }) });
    expect(e.fields).toEqual({ email: "is not a member of department retail" });
    expect(e.fieldReasons).toEqual({ email: { reason: "not_department_member", params: { department: "retail" } } });
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

  it("have stable snake_case names and English text for every field reason", () => {
    for (const [reason, en] of Object.entries(FIELD_REASONS)) expect([reason, en.length > 0]).toEqual([expect.stringMatching(/^[a-z0-9_]+$/), true]);
    expect(renderFieldReason("too_small", { minimum: 1 })).toBe("must be at least 1");
  });
});

/** The non-test TypeScript sources of every package and app that makes errors (the simulator has its own). */
function sources(): [string, string][] {
  const top = path.resolve(import.meta.dirname, "../../..");
  const roots = [
    "packages/domain/src",
    "packages/usecases/src",
    "packages/db/src",
    "packages/orchestrator/src",
    "apps/worker/src",
    "apps/portal/lib",
    "apps/portal/app",
  ];
  return roots.flatMap((r) =>
    fs
      .readdirSync(path.join(top, r), { recursive: true, encoding: "utf8" })
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes("generated"))
      .map((f) => [path.join(r, f), fs.readFileSync(path.join(top, r, f), "utf8")] as [string, string]),
  );
}

describe("errors the domain, the use cases, the worker and the portal make", () => {
  const files = sources().filter(([file]) => !file.endsWith("domain/src/errors.ts"));

  it("are made by domainError and the helpers in errors.ts, never with new DomainError", () => {
    expect(files.filter(([, text]) => text.includes("new DomainError(")).map(([file]) => file)).toEqual([]);
  });

  it("name only reasons in the catalogues", () => {
    const named = (pattern: RegExp) => files.flatMap(([file, text]) => [...text.matchAll(pattern)].map((m) => [file, m[1]!]));
    const reasons = named(/\b(?:domainError|super)\(\s*"([^"]+)"/g);
    const fieldReasons = [...named(/\bfieldError\(\s*"([^"]+)"/g), ...named(/\bparams: \{ reason: "([^"]+)"/g)];
    expect(reasons.length).toBeGreaterThan(100);
    expect(fieldReasons.length).toBeGreaterThan(50);
    expect(reasons.filter(([, r]) => !(r! in ERROR_REASONS))).toEqual([]);
    expect(fieldReasons.filter(([, r]) => !(r! in FIELD_REASONS))).toEqual([]);
  });

  // Every message and every field message comes from a catalogue: a call passing English text (the
  // helpers invalid("…"), conflict("…"), badRequest("…") are gone; forbidden() and unauthenticated()
  // take no text), or a field given a string instead of fieldError(…), fails here or in tsc.
  it("pass no free text", () => {
    const freeText = files.flatMap(([file, text]) =>
      [...text.matchAll(/\b(invalid|badRequest|conflict|forbidden|unauthenticated)\(\s*[^)\s]/g)].map((m) => `${file}: ${m[0]}`),
    );
    expect(freeText).toEqual([]);
  });
});
