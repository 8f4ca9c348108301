// `kubectl apply --dry-run=server -k deploy/overlays/<each>` is accepted by the simulator, which validates as an
// API server does (the official schemas, unknown fields refused under kubectl's default --validate=strict,
// apimachinery's rules: packages/sim/src/k8s/validation.ts, schema.ts, fields.ts); broken copies are refused
// with the server's message, so the acceptance means something.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testSim, type TestSim } from "../packages/sim/src/testing";
import { OVERLAYS_DIR, overlays, render } from "./overlays";
import { parseObjects } from "./promises";

let sim: TestSim;
beforeAll(async () => {
  sim = await testSim({ nodes: 1 });
});
afterAll(() => sim?.stop());

describe("kubectl apply --dry-run=server -k", () => {
  it.each(overlays)("%s is accepted, every object of it", async (overlay) => {
    const objects = parseObjects(render(overlay));
    const namespace = objects[0]!.metadata.namespace!;
    expect((await sim.kubectl(["create", "namespace", namespace])).code).toBe(0);
    const r = await sim.kubectl(["apply", "--dry-run=server", "-k", path.join(OVERLAYS_DIR, overlay)]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const accepted = r.stdout.trim().split("\n");
    expect(accepted).toHaveLength(objects.length);
    for (const line of accepted) expect(line).toMatch(/ (created|configured|unchanged) \(server dry run\)$/);
    // a dry run stores nothing
    expect((await sim.kubectl(["-n", namespace, "get", "deployments,jobs,pdb,netpol,ingress", "-o", "name"])).stdout).toBe("");
  });

  const broken: [string, (yaml: string) => string, RegExp][] = [
    [
      "an unknown field in a Deployment's spec",
      (y) => y.replace(/^( {2})replicas: (\d+)$/m, "$1replicas: $2\n$1replica: $2"),
      /Error from server \(BadRequest\): .*Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec\.replica"/,
    ],
    [
      "an unknown field deep in a container",
      (y) => y.replace(/^( +)readOnlyRootFilesystem: true$/m, "$1readOnlyRootFilesystem: true\n$1readOnlyRootFS: true"),
      /strict decoding error: unknown field "spec\.template\.spec\.(init)?[cC]ontainers\[0\]\.securityContext\.readOnlyRootFS"/,
    ],
    ["a wrong type", (y) => y.replace(/^( {2})replicas: \d+$/m, "$1replicas: two"), /The Deployment "capstan-\w+" is invalid: spec\.replicas/],
    [
      "requests above limits",
      (y) => y.replace(/^( +)requests:\n( +)cpu: [^\n]+$/m, '$1requests:\n$2cpu: "64"'),
      /is invalid: spec\.template\.spec\.(initContainers|containers)\[0\]\.resources\.requests: Invalid value: "64": must be less than or equal to cpu limit/,
    ],
    [
      "an invalid CIDR in a NetworkPolicy",
      (y) => y.replace(/cidr: 0\.0\.0\.0\/0/, "cidr: 0.0.0.0/40"),
      /The NetworkPolicy "capstan-[\w-]+" is invalid: spec\.egress\[\d+\]\.to\[0\]\.ipBlock\.cidr: Invalid value: "0\.0\.0\.0\/40": must be a valid CIDR value/,
    ],
  ];
  it.each(broken)("a copy with %s is refused with the server's message", async (_what, breakIt, message) => {
    const yaml = render(overlays[0]!);
    const bad = breakIt(yaml);
    expect(bad).not.toBe(yaml);
    const namespace = parseObjects(yaml)[0]!.metadata.namespace!;
    await sim.kubectl(["create", "namespace", namespace]); // may exist already
    const r = await sim.kubectl(["apply", "--dry-run=server", "-f", "-"], bad);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
  });
});
