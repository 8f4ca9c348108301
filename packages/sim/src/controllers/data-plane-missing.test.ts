// Where haproxy is not installed, an LB pod runs without a data plane: Running and Ready, serving
// nothing, and marked `sim.capstan.io/data-plane: missing` for the portal. (Own file: whether a program
// is installed is asked once per process, and here PATH hides it.)
import { afterAll, beforeAll, expect, it } from "vitest";
import { testSim, until, type TestSim } from "../testing.js";
import type { Pod } from "../k8s/objects.js";
import { refusal } from "../network/testing.js";
import { DATA_PLANE_ANNOTATION, LB_KIND_ANNOTATION } from "./data-plane.js";

let sim: TestSim;
const path = process.env.PATH;

beforeAll(async () => {
  process.env.PATH = "/nonexistent";
  sim = await testSim({ nodes: 1, podNetwork: "loopback" });
}, 30_000);
afterAll(async () => {
  process.env.PATH = path;
  await sim?.stop();
});

it("an LB pod without its program runs, is Ready, serves nothing and says so", async () => {
  const store = sim.clusters[0].store;
  store.create("pods", {
    metadata: { name: "lb-1", namespace: "default", annotations: { [LB_KIND_ANNOTATION]: "haproxy" } },
    spec: { containers: [{ name: "haproxy", image: "haproxy:2.6", ports: [{ containerPort: 8000 }] }] },
  });
  const p = await until(() => {
    const x: Pod | undefined = store.get("pods", "default", "lb-1");
    return x?.metadata.annotations?.[DATA_PLANE_ANNOTATION] === "missing" && x;
  });
  expect(p.status?.phase).toBe("Running");
  expect(p.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("True");
  expect(await refusal(p.status!.podIP!, 8000)).toBe("ECONNREFUSED");
});
