// LoadBalancer Services get an external address from the loopback pool, as a cloud or MetalLB gives one;
// it goes when the Service stops being a LoadBalancer.
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testSim, type TestSim, until } from "../testing.js";

let sim: TestSim;
let core: k8s.CoreV1Api;
const NS = "lbip";
beforeAll(async () => {
  sim = await testSim({ nodes: 1 });
  core = sim.kc.makeApiClient(k8s.CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: NS } } });
});
afterAll(() => sim.stop());

const ingress = async (name: string) => (await core.readNamespacedService({ name, namespace: NS })).status?.loadBalancer?.ingress;

describe("external addresses of LoadBalancer Services", () => {
  it("are given from 127.34.0.0/16, one per Service, and taken back when the type changes", async () => {
    for (const name of ["lb-a", "lb-b"])
      await core.createNamespacedService({
        namespace: NS,
        body: { metadata: { name }, spec: { type: "LoadBalancer", selector: { app: name }, ports: [{ port: 80 }] } },
      });
    const a = await until(async () => (await ingress("lb-a"))?.[0]?.ip, 5000, "lb-a's address");
    const b = await until(async () => (await ingress("lb-b"))?.[0]?.ip, 5000, "lb-b's address");
    expect(a).toMatch(/^127\.34\.\d+\.\d+$/);
    expect(b).toMatch(/^127\.34\.\d+\.\d+$/);
    expect(a).not.toBe(b);
    await core.createNamespacedService({ namespace: NS, body: { metadata: { name: "plain" }, spec: { selector: { app: "x" }, ports: [{ port: 80 }] } } });
    const svc = await core.readNamespacedService({ name: "lb-a", namespace: NS });
    await core.replaceNamespacedService({ name: "lb-a", namespace: NS, body: { ...svc, spec: { ...svc.spec, type: "ClusterIP" } } });
    await until(async () => ((await ingress("lb-a")) === undefined ? true : undefined), 5000, "lb-a's address taken back");
    expect(await ingress("plain")).toBeUndefined();
  });
});
