// A balancer's pods as its cluster reports them: only its own (by its labels), with their IP and readiness,
// and whether each runs a data plane (the simulator marks LB pods without haproxy/nginx `missing`).
import { ClusterClient } from "@capstan/orchestrator";
import { type Sim, startSim } from "@capstan/sim";
import { CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, expect, it } from "vitest";
import { waitFor } from "../../testing";
import { DATA_PLANE_ANNOTATION, lbPods } from "./lb-pods";

let sim: Sim;
let client: ClusterClient;

beforeAll(async () => {
  sim = await startSim({ dataCentres: 1, clustersPerDc: 1, nodes: 1, admin: false, timings: { startMs: 0, probeScale: 0 } });
  client = new ClusterClient(sim.dataCentres[0]!.clusters[0]!.kubeconfig());
}, 60_000);
afterAll(() => sim?.stop());

it("lists the balancer's pods only, and reads the simulator's no-data-plane mark", { timeout: 60_000 }, async () => {
  const core = client.api(CoreV1Api);
  const pod = (name: string, labels: Record<string, string>, annotations: Record<string, string> = {}) =>
    core.createNamespacedPod({
      namespace: "default",
      body: { metadata: { name, labels, annotations }, spec: { containers: [{ name: "c", image: "haproxy:2.6" }] } },
    });
  const mine = { "capstan.io/application": "storefront", "capstan.io/load-balancer": "front" };
  await pod("lb-front-a", mine, { [DATA_PLANE_ANNOTATION]: "missing" });
  await pod("lb-front-b", mine);
  await pod("lb-other-a", { ...mine, "capstan.io/load-balancer": "other" });
  await pod("billing-front", { ...mine, "capstan.io/application": "billing" });
  const pods = await waitFor(
    "both pods running",
    () => lbPods(client, "default", "storefront", "front"),
    (ps) => ps.length === 2 && ps.every((p) => p.ready && p.ip),
  );
  expect(pods.map(({ name, dataPlane }) => ({ name, dataPlane })).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
    { name: "lb-front-a", dataPlane: false },
    { name: "lb-front-b", dataPlane: true },
  ]);
  expect(await lbPods(client, "no-such-namespace", "storefront", "front")).toEqual([]);
});
