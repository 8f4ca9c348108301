// The route declarations and the route files agree both ways, method included, and every operation
// declares the schema of its answer (issue 13: one typed source for the API contract).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../openapi";
import { ROUTES } from ".";
import { METHODS, type Route } from "./route";

const V1 = path.resolve(import.meta.dirname, "../../app/api/v1");
const HTTP_METHODS = [...METHODS, "HEAD", "OPTIONS"];

/** Each route file's template (e.g. /systems/{system}) with the declaration of every method it exports. */
async function served() {
  const files = fs
    .readdirSync(V1, { recursive: true, encoding: "utf8" })
    // The catch-all [...path] answers the JSON 404 for paths that name nothing: no operation to declare.
    .filter((f) => f.endsWith("route.ts") && !f.startsWith("[...path]"));
  const out: { file: string; template: string; method: string; route: Route | undefined }[] = [];
  for (const file of files) {
    const template = "/" + path.dirname(file).replaceAll("[", "{").replaceAll("]", "}");
    const mod = (await import(path.join(V1, file))) as Record<string, { route?: Route }>;
    for (const method of HTTP_METHODS.filter((m) => m in mod)) out.push({ file, template, method, route: mod[method]!.route });
  }
  return out;
}

describe("route declarations", () => {
  it("every method a route file exports serves a declaration of that method and path", async () => {
    const handlers = await served();
    expect(handlers.length).toBeGreaterThan(50);
    const wrong = handlers.filter((h) => h.route?.method !== h.method || h.route?.path !== h.template);
    expect(wrong.map((h) => `${h.method} ${h.file}: ${h.route ? `${h.route.method} ${h.route.path}` : "no declaration"}`)).toEqual([]);
  });

  it("every declaration is served by exactly one route file, with its method", async () => {
    const handlers = await served();
    const counts = new Map<Route, number>();
    for (const h of handlers) if (h.route) counts.set(h.route, (counts.get(h.route) ?? 0) + 1);
    const unserved = ROUTES.filter((r) => counts.get(r) !== 1).map((r) => `${r.method} ${r.path} (${counts.get(r) ?? 0} handlers)`);
    expect(unserved).toEqual([]);
    expect(new Set(ROUTES.map((r) => `${r.method} ${r.path}`)).size).toBe(ROUTES.length);
  });

  it("every operation has a response schema, except answers without a body (204, the 202 of a deletion)", () => {
    const missing = ROUTES.filter(
      (r) => !r.response.schema && !r.response.text && !(r.response.status === 204 || (r.response.status === 202 && r.method === "DELETE")),
    );
    expect(missing.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    const doc = openApiDocument();
    for (const [p, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const success = Object.entries(op.responses).find(([status]) => status.startsWith("2"))!;
        const bodiless = success[0] === "204" || (success[0] === "202" && method === "delete");
        expect(bodiless || "content" in (success[1] as object), `${method} ${p}`).toBe(true);
      }
  });
});
