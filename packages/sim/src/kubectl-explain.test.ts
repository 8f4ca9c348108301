// kubectl explain against the simulator: the served OpenAPI v3 documents carry the real schemas
// (descriptions, field types, required fields, enums) of every served kind.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { execFileSync } from "node:child_process";
import { testSim, type TestSim, raw } from "./testing.js";

let sim: TestSim;
const hasKubectl = (() => {
  try {
    execFileSync("kubectl", ["version", "--client"]);
    return true;
  } catch {
    return false;
  }
})();
beforeAll(async () => {
  sim = await testSim({ nodes: 1 });
});
afterAll(() => sim.stop());
const ok = async (args: string[]) => {
  const r = await sim.kubectl(args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
};

describe.skipIf(!hasKubectl)("kubectl explain", () => {
  it("explains pods.spec.containers with its fields, types and descriptions", async () => {
    const out = await ok(["explain", "pods.spec.containers"]);
    expect(out).toMatch(/KIND:\s+Pod/);
    expect(out).toMatch(/VERSION:\s+v1/);
    expect(out).toMatch(/FIELD: containers <\[\]Container>/);
    expect(out).toContain("List of containers belonging to the pod.");
    expect(out).toMatch(/name\s+<string> -required-/);
    expect(out).toMatch(/ports\s+<\[\]ContainerPort>/);
    expect(out).toMatch(/imagePullPolicy\s+<string>\n\s+enum: Always, IfNotPresent, Never/);
    expect(out).toMatch(/resources\s+<ResourceRequirements>/);
  });

  it("explains deployments, nested fields, integers and enums; unknown fields fail", async () => {
    const d = await ok(["explain", "deployments"]);
    expect(d).toMatch(/GROUP:\s+apps/);
    expect(d).toContain("Deployment enables declarative updates for Pods and ReplicaSets.");
    expect(d).toMatch(/spec\s+<DeploymentSpec>/);
    const spec = await ok(["explain", "deployment.spec"]);
    expect(spec).toMatch(/replicas\s+<integer>/);
    expect(spec).toMatch(/selector\s+<LabelSelector> -required-/);
    expect(spec).toMatch(/template\s+<PodTemplateSpec> -required-/);
    const port = await ok(["explain", "pods.spec.containers.ports.protocol"]);
    expect(port).toMatch(/ENUM:\s+SCTP\s+TCP\s+UDP/);
    expect(await ok(["explain", "pods.spec.containers.ports.containerPort"])).toMatch(/FIELD: containerPort <integer>/);
    const rec = await ok(["explain", "svc.spec.ports", "--recursive"]);
    expect(rec).toMatch(/targetPort\s+<IntOrString>|targetPort\s+<string>/);
    const bad = await sim.kubectl(["explain", "pods.spec.nope"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('field "nope" does not exist');
  });
});

it("serves the schemas in the OpenAPI v3 group-version documents and the v2 JSON document", async () => {
  const c = { url: sim.kc.getCurrentCluster()!.server, token: sim.kc.getCurrentUser()!.token };
  const v3 = (await raw(c, "/openapi/v3/apis/apps/v1")).json();
  const dep = v3.components.schemas["io.k8s.api.apps.v1.Deployment"];
  expect(dep["x-kubernetes-group-version-kind"]).toEqual([{ group: "apps", version: "v1", kind: "Deployment" }]);
  expect(dep.properties.spec.allOf[0].$ref).toBe("#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec");
  for (const s of Object.values<unknown>(v3.components.schemas))
    JSON.stringify(s).replace(/"\$ref":"#\/components\/schemas\/([^"]+)"/g, (_, n) => {
      expect(v3.components.schemas[n]).toBeDefined();
      return "";
    });
  const v2 = (await raw(c, "/openapi/v2")).json();
  expect(v2.definitions["io.k8s.api.core.v1.Container"].required).toEqual(["name"]);
  expect(v2.definitions["io.k8s.api.core.v1.PodSpec"].properties.containers.items.$ref).toBe("#/definitions/io.k8s.api.core.v1.Container");
});
