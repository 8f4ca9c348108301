import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

describe("OpenAPI document", () => {
  const doc = openApiDocument();
  it("refers only to schemas it defines", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(doc.components.schemas).toHaveProperty(r!);
  });
  it("describes every route the portal serves", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const root = path.resolve(import.meta.dirname, "../app/api/v1");
    const routes = fs
      .readdirSync(root, { recursive: true, encoding: "utf8" })
      // The catch-all [...path] answers the JSON 404 for paths that name nothing: no resource to describe.
      .filter((f) => f.endsWith("route.ts") && !f.startsWith("openapi.json") && !f.startsWith("[...path]"))
      .map((f) => "/" + path.dirname(f).replaceAll("[", "{").replaceAll("]", "}"));
    expect(Object.keys(doc.paths).sort()).toEqual(routes.sort());
  });
  it("lists that grow at the head take a cursor, and mark page deprecated", () => {
    const paths = doc.paths as Record<string, { get?: { parameters?: { name: string; deprecated?: boolean }[] } }>;
    for (const path of ["/audit", "/quota-requests", "/systems/{system}/applications/{app}/groups/{group}/revisions"]) {
      const params = paths[path]!.get!.parameters!;
      expect(
        params.map((p) => p.name),
        path,
      ).toContain("cursor");
      expect(params.find((p) => p.name === "page")?.deprecated, path).toBe(true);
    }
  });
  it("large lists take a whitelisted sort, and groups their filters", () => {
    const paths = doc.paths as Record<string, { get?: { parameters?: { name: string; schema?: { enum?: string[] } }[] } }>;
    const param = (path: string, name: string) => paths[path]!.get!.parameters!.find((p) => p.name === name);
    for (const path of ["/groups", "/systems/{system}/applications/{app}/groups", "/systems", "/applications", "/systems/{system}/applications", "/users"])
      expect(param(path, "sort")?.schema?.enum, path).toContain("-name");
    expect(param("/groups", "sort")?.schema?.enum).toEqual(expect.arrayContaining(["phase", "-phase", "dataCentre", "replicas"]));
    for (const filter of ["phase", "dataCentre", "mine"]) expect(param("/groups", filter), filter).toBeDefined();
    expect(param("/groups", "phase")?.schema?.enum).toContain("FAILED");
  });
});
