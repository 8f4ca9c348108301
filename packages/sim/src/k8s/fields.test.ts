// Server-side field validation (fields.ts): fieldValidation=Strict refuses unknown fields as the API server's
// strict decoder does, Warn (the default) sends them as Warning headers, Ignore says nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { raw, testSim, type TestSim } from "../testing.js";

let sim: TestSim;
beforeAll(async () => {
  sim = await testSim({ nodes: 1 });
  await raw(sim.clusters[0], "/api/v1/namespaces", { method: "POST", body: JSON.stringify({ metadata: { name: "fv" } }) });
});
afterAll(() => sim.stop());

const post = (name: string, directive?: string) =>
  raw(sim.clusters[0], `/apis/apps/v1/namespaces/fv/deployments${directive ? `?fieldValidation=${directive}` : ""}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, labels: { a: "b" }, annotations: { "x/y": "z" } },
      spec: {
        replicaz: 1,
        selector: { matchLabels: { a: "b" } },
        template: { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "c", image: "nginx", resources: { limits: { cpu: "1" } }, bogus: true }] } },
      },
    }),
  });

describe("fieldValidation", () => {
  it("Strict refuses every unknown field with a 400, naming them in the strict decoder's words; maps' keys are not fields", async () => {
    const r = await post("strict", "Strict");
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({
      reason: "BadRequest",
      message:
        'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicaz", unknown field "spec.template.spec.containers[0].bogus"',
    });
  });

  it("Warn, and no directive, write the object and warn of each field", async () => {
    for (const [name, directive] of [
      ["warn", "Warn"],
      ["default", undefined],
    ] as const) {
      const r = await post(name, directive);
      expect(r.status).toBe(201);
      expect(r.headers.warning).toBe('299 - "unknown field \\"spec.replicaz\\"", 299 - "unknown field \\"spec.template.spec.containers[0].bogus\\""');
    }
  });

  it("Ignore writes it silently; another directive is a 400", async () => {
    const r = await post("ignore", "Ignore");
    expect(r.status).toBe(201);
    expect(r.headers.warning).toBeUndefined();
    const bad = await post("bad", "Loud");
    expect(bad.status).toBe(400);
    expect(bad.json().message).toBe("fieldValidation parameter unsupported: Loud, must be one of Ignore, Warn, Strict");
  });
});
