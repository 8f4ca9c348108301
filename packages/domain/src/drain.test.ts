import { describe, expect, it } from "vitest";
import { type DrainOptions, type DrainPod, controllingDaemonSets, drainDecision, planDrain, repeatsDrain } from "./drain";

const PLAIN: DrainOptions = { force: false, deleteEmptyDirData: false, ignoreDaemonSets: true };
const owned = (kind: string, name = "x") => [{ kind, name, controller: true }];
const pod = (
  name: string,
  over: { owners?: { kind: string; name: string; controller?: boolean }[]; phase?: string; emptyDir?: boolean; mirror?: boolean; deleting?: boolean } = {},
): DrainPod => ({
  metadata: {
    namespace: "ns",
    name,
    ...(over.owners ? { ownerReferences: over.owners } : {}),
    ...(over.mirror ? { annotations: { "kubernetes.io/config.mirror": "abc" } } : {}),
    ...(over.deleting ? { deletionTimestamp: "2026-01-01T00:00:00Z" } : {}),
  },
  spec: { volumes: over.emptyDir ? [{ emptyDir: {} }] : [{}] },
  status: { phase: over.phase ?? "Running" },
});
const dsExists = () => true;
const dsGone = () => false;

describe("drainDecision (kubectl drain's filters)", () => {
  it("evicts pods a controller recreates (ReplicaSet, StatefulSet, Job)", () => {
    for (const kind of ["ReplicaSet", "StatefulSet", "Job", "ReplicationController"])
      expect(drainDecision(pod("a", { owners: owned(kind) }), PLAIN, dsExists)).toEqual({ action: "evict" });
  });

  it("blocks a pod with no controller unless force is chosen, then evicts it with a warning", () => {
    expect(drainDecision(pod("bare"), PLAIN, dsExists)).toEqual({ action: "block", reason: "unreplicated" });
    // An owner that is not the controller does not count, as metav1.GetControllerOf.
    expect(drainDecision(pod("bare", { owners: [{ kind: "ReplicaSet", name: "x" }] }), PLAIN, dsExists)).toEqual({ action: "block", reason: "unreplicated" });
    expect(drainDecision(pod("bare"), { ...PLAIN, force: true }, dsExists)).toEqual({ action: "evict", warning: "unreplicated" });
  });

  it("blocks a pod with emptyDir storage unless deleteEmptyDirData is chosen; force alone is not enough", () => {
    const p = pod("cache", { owners: owned("ReplicaSet"), emptyDir: true });
    expect(drainDecision(p, PLAIN, dsExists)).toEqual({ action: "block", reason: "localStorage" });
    expect(drainDecision(p, { ...PLAIN, force: true }, dsExists)).toEqual({ action: "block", reason: "localStorage" });
    expect(drainDecision(p, { ...PLAIN, deleteEmptyDirData: true }, dsExists)).toEqual({ action: "evict", warning: "localStorage" });
  });

  it("a bare pod with emptyDir needs both options", () => {
    const p = pod("both", { emptyDir: true });
    expect(drainDecision(p, { ...PLAIN, deleteEmptyDirData: true }, dsExists)).toEqual({ action: "block", reason: "unreplicated" });
    expect(drainDecision(p, { ...PLAIN, force: true, deleteEmptyDirData: true }, dsExists)).toMatchObject({ action: "evict" });
  });

  it("skips DaemonSet pods, or blocks on them when DaemonSets are not ignored", () => {
    const p = pod("agent", { owners: owned("DaemonSet", "agent"), emptyDir: true });
    expect(drainDecision(p, PLAIN, dsExists)).toEqual({ action: "skip", reason: "daemonSet" });
    expect(drainDecision(p, { ...PLAIN, force: true, deleteEmptyDirData: true }, dsExists)).toEqual({ action: "skip", reason: "daemonSet" });
    expect(drainDecision(p, { ...PLAIN, ignoreDaemonSets: false }, dsExists)).toEqual({ action: "block", reason: "daemonSet" });
  });

  it("a pod of a DaemonSet that is gone blocks without force and is evicted with it", () => {
    const p = pod("agent", { owners: owned("DaemonSet", "agent") });
    expect(drainDecision(p, PLAIN, dsGone)).toEqual({ action: "block", reason: "orphanedDaemonSet" });
    expect(drainDecision(p, { ...PLAIN, force: true }, dsGone)).toEqual({ action: "evict", warning: "orphanedDaemonSet" });
  });

  it("skips mirror (static) pods and pods already terminating", () => {
    expect(drainDecision(pod("etcd", { mirror: true, owners: [{ kind: "Node", name: "n1", controller: true }] }), PLAIN, dsExists)).toEqual({
      action: "skip",
      reason: "mirror",
    });
    expect(drainDecision(pod("etcd", { mirror: true }), PLAIN, dsExists)).toEqual({ action: "skip", reason: "mirror" });
    expect(drainDecision(pod("going", { deleting: true }), PLAIN, dsExists)).toEqual({ action: "skip", reason: "terminating" });
  });

  it("finished pods may always be removed, whatever owns them or their storage", () => {
    for (const phase of ["Succeeded", "Failed"]) {
      expect(drainDecision(pod("done", { phase, emptyDir: true }), PLAIN, dsExists)).toEqual({ action: "evict" });
      expect(drainDecision(pod("done", { phase, owners: owned("DaemonSet") }), PLAIN, dsGone)).toEqual({ action: "evict" });
    }
  });
});

describe("planDrain", () => {
  const pods = [
    pod("web", { owners: owned("ReplicaSet") }),
    pod("bare"),
    pod("agent", { owners: owned("DaemonSet", "agent") }),
    pod("cache", { owners: owned("ReplicaSet"), emptyDir: true }),
  ];

  it("evicts nothing while any pod blocks, and names every blocking pod with its reason", () => {
    const plan = planDrain(pods, PLAIN, dsExists);
    expect(plan.evict).toEqual([]);
    expect(plan.blocked.map((b) => [b.pod.metadata!.name, b.reason])).toEqual([
      ["bare", "unreplicated"],
      ["cache", "localStorage"],
    ]);
    expect(plan.skipped.map((s) => [s.pod.metadata!.name, s.reason])).toEqual([["agent", "daemonSet"]]);
  });

  it("with both options evicts all but the DaemonSet pod, carrying the warnings", () => {
    const plan = planDrain(pods, { ...PLAIN, force: true, deleteEmptyDirData: true }, dsExists);
    expect(plan.blocked).toEqual([]);
    expect(plan.evict.map((e) => [e.pod.metadata!.name, e.warning])).toEqual([
      ["web", undefined],
      ["bare", "unreplicated"],
      ["cache", "localStorage"],
    ]);
  });

  it("lists the DaemonSets whose existence decides", () => {
    expect(controllingDaemonSets([...pods, pod("agent-2", { owners: owned("DaemonSet", "agent") })])).toEqual(["ns/agent"]);
  });
});

describe("repeatsDrain", () => {
  it("lets an OFFLINE node whose drain has not succeeded be sent OFFLINE again, and nothing else", () => {
    expect(repeatsDrain("OFFLINE", "OFFLINE", "FAILED")).toBe(true);
    expect(repeatsDrain("OFFLINE", "OFFLINE", "PENDING")).toBe(true);
    expect(repeatsDrain("OFFLINE", "OFFLINE", "SUCCEEDED")).toBe(false);
    expect(repeatsDrain("ONLINE", "ONLINE", "FAILED")).toBe(false);
    expect(repeatsDrain("ONLINE", "OFFLINE", "FAILED")).toBe(false);
  });
});
