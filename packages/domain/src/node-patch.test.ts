import { describe, expect, it } from "vitest";
import { isKubernetesLabel, nodePatch } from "./node-patch";

const ready = {
  unschedulable: false,
  taints: [{ key: "zone", value: "cicd", effect: "NoSchedule" }],
  labels: { zone: "cicd", "kubernetes.io/hostname": "n1" },
};

describe("nodePatch", () => {
  it("cordons and taints a new node, keeping other taints", () => {
    expect(nodePatch(ready, "INIT", null)).toEqual({
      spec: {
        unschedulable: true,
        taints: [
          { key: "zone", value: "cicd", effect: "NoSchedule" },
          { key: "capstan.io/status", value: "init", effect: "NoSchedule" },
        ],
      },
    });
  });
  it("swaps the lifecycle taint and uncordons when the node goes ONLINE", () => {
    const waiting = { ...ready, unschedulable: true, taints: [...ready.taints, { key: "capstan.io/status", value: "wait", effect: "NoSchedule" }] };
    expect(nodePatch(waiting, "ONLINE", null)).toEqual({ spec: { unschedulable: false, taints: ready.taints } });
    expect(nodePatch(waiting, "WAIT", null)).toBeNull();
  });
  it("sets and removes operator labels, never Kubernetes' own", () => {
    const labelled = { ...ready, labels: { ...ready.labels, "res.ssd": "true" } };
    expect(nodePatch(labelled, "ONLINE", { zone: "default", "res.gpu": "true" })).toEqual({
      metadata: { labels: { "res.ssd": null, zone: "default", "res.gpu": "true" } },
    });
    expect(nodePatch(labelled, "ONLINE", { zone: "cicd", "res.ssd": "true" })).toBeNull();
  });
  it("knows which labels belong to Kubernetes", () => {
    expect(["kubernetes.io/hostname", "topology.kubernetes.io/zone", "node.k8s.io/x"].every(isKubernetesLabel)).toBe(true);
    expect(["zone", "res.ssd", "capstan.io/rack", "kubernetes.io"].some(isKubernetesLabel)).toBe(false);
  });
});
