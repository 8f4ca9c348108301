import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import {
  allowedTransitions,
  assertTransition,
  canTransition,
  compareVersions,
  DEFAULT_STUCK_THRESHOLDS,
  desiredNodeShape,
  initChecksFromEnv,
  initChecksPassed,
  NODE_STATUSES,
  type NodeStatus,
  parseKubeletVersion,
  runInitChecks,
  STATUS_TAINT_KEY,
  stuckFor,
} from "./node-lifecycle";

const ALLOWED: [NodeStatus | null, NodeStatus][] = [
  [null, "INIT"],
  ["INIT", "WAIT"],
  ["WAIT", "ONLINE"],
  ["WAIT", "INIT"],
  ["ONLINE", "OFFLINE"],
  ["OFFLINE", "ONLINE"],
  ["OFFLINE", "INIT"],
];
const isAllowed = (from: NodeStatus | null, to: NodeStatus) => ALLOWED.some(([f, t]) => f === from && t === to);
const ALL_PAIRS = [null, ...NODE_STATUSES].flatMap((from) => NODE_STATUSES.map((to) => [from, to] as [NodeStatus | null, NodeStatus]));
const FORBIDDEN = ALL_PAIRS.filter(([f, t]) => !isAllowed(f, t));

const thrown = (fn: () => void): DomainError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a DomainError");
};

describe("node transitions", () => {
  it("covers all 20 pairs: 7 allowed, 13 forbidden", () => {
    expect(ALL_PAIRS).toHaveLength(20);
    expect(FORBIDDEN).toHaveLength(13);
  });

  it.each(ALLOWED)("allows %s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(FORBIDDEN)("forbids %s → %s with a 409 naming from, to and what is allowed", (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    const e = thrown(() => assertTransition(from, to));
    expect(e.status).toBe(409);
    expect(e.code).toBe("conflict");
    expect(e.fields.to).toBeTruthy();
    expect(e.message).toContain(to);
    if (from !== to) {
      expect(e.message).toContain(from ?? "new node");
      for (const next of allowedTransitions(from)) expect(e.message).toContain(next);
    }
  });

  it("reads well for the common mistakes", () => {
    expect(thrown(() => assertTransition("INIT", "ONLINE")).message).toBe("A node in INIT cannot move to ONLINE; it can move to WAIT.");
    expect(thrown(() => assertTransition("ONLINE", "INIT")).fields).toEqual({ to: "must be OFFLINE when the node is ONLINE" });
    expect(thrown(() => assertTransition("OFFLINE", "WAIT")).message).toBe("A node in OFFLINE cannot move to WAIT; it can move to ONLINE or INIT.");
    expect(thrown(() => assertTransition(null, "ONLINE")).message).toBe("A new node cannot move to ONLINE; it can move to INIT.");
    expect(thrown(() => assertTransition("ONLINE", "ONLINE")).message).toBe("The node is already ONLINE.");
  });
});

describe("desired node shape", () => {
  const taint = (value: string) => ({ key: STATUS_TAINT_KEY, value, effect: "NoSchedule" });

  it("INIT: cordoned, init taint, no drain", () => {
    expect(desiredNodeShape("INIT")).toEqual({
      unschedulable: true,
      taints: [taint("init")],
      removeTaints: [taint("wait"), taint("offline")],
      drainRequired: false,
    });
  });
  it("WAIT: still cordoned, wait taint replaces init", () => {
    expect(desiredNodeShape("WAIT")).toEqual({
      unschedulable: true,
      taints: [taint("wait")],
      removeTaints: [taint("init"), taint("offline")],
      drainRequired: false,
    });
  });
  it("ONLINE: schedulable, no status taint at all", () => {
    expect(desiredNodeShape("ONLINE")).toEqual({
      unschedulable: false,
      taints: [],
      removeTaints: [taint("init"), taint("wait"), taint("offline")],
      drainRequired: false,
    });
  });
  it("OFFLINE: cordoned, NoSchedule (not NoExecute) taint, drained", () => {
    expect(desiredNodeShape("OFFLINE")).toEqual({
      unschedulable: true,
      taints: [taint("offline")],
      removeTaints: [taint("init"), taint("wait")],
      drainRequired: true,
    });
  });
  it("never asks to both have and remove a taint", () => {
    for (const s of NODE_STATUSES) {
      const { taints, removeTaints } = desiredNodeShape(s);
      expect(removeTaints.filter((r) => taints.some((t) => t.value === r.value))).toEqual([]);
    }
  });
});

describe("init checks", () => {
  const node = { ready: true, kubeletVersion: "v1.29.3", labels: { zone: "default", "res.ssd": "true" } };
  const config = { requireReady: true, minKubeletVersion: "v1.29.0", requiredLabels: ["zone"] };

  it("passes a prepared node, one result per configured check", () => {
    const r = runInitChecks(node, config);
    expect(r.map((x) => x.check)).toEqual(["ready", "kubeletVersion", "label:zone"]);
    expect(initChecksPassed(r)).toBe(true);
    expect(r[2]!.message).toBe("Label zone=default is set.");
  });

  it("defaults from the environment: Ready and a zone, no kubelet minimum; each variable changes one check", () => {
    expect(initChecksFromEnv({})).toEqual({ requireReady: true, requiredLabels: ["zone"] });
    expect(
      initChecksFromEnv({ CAPSTAN_NODE_CHECK_READY: "false", CAPSTAN_NODE_MIN_KUBELET: " v1.30.0 ", CAPSTAN_NODE_REQUIRED_LABELS: "zone, rack,," }),
    ).toEqual({
      requireReady: false,
      minKubeletVersion: "v1.30.0",
      requiredLabels: ["zone", "rack"],
    });
    expect(initChecksFromEnv({ CAPSTAN_NODE_REQUIRED_LABELS: "" }).requiredLabels).toEqual([]);
  });

  it("runs only what is configured", () => {
    expect(runInitChecks({ ...node, ready: false, kubeletVersion: null }, { requireReady: false, requiredLabels: [] })).toEqual([]);
    expect(initChecksPassed([])).toBe(true);
  });

  it("fails a node that is not Ready", () => {
    expect(runInitChecks({ ...node, ready: false }, config)[0]).toEqual({
      check: "ready",
      ok: false,
      reason: "node_not_ready",
      params: {},
      message: "The node is not Ready.",
    });
  });

  it("fails missing or empty required labels, each on its own", () => {
    const r = runInitChecks({ ...node, labels: { zone: "" } }, { ...config, requiredLabels: ["zone", "res.ssd"] });
    expect(r.slice(2)).toEqual([
      { check: "label:zone", ok: false, reason: "label_empty", params: { key: "zone" }, message: "Label zone is empty." },
      { check: "label:res.ssd", ok: false, reason: "label_missing", params: { key: "res.ssd" }, message: "Label res.ssd is missing." },
    ]);
    expect(initChecksPassed(r)).toBe(false);
  });

  it.each([
    ["v1.29.0", true],
    ["v1.29.3", true],
    ["1.30", true],
    ["v2.0.0", true],
    ["v1.29.3+k3s1", true],
    ["v1.29.0-eks-5e0fdde", true],
    ["v1.28.15", false],
    ["v1.9.0", false],
    ["v0.99.99", false],
  ])("kubelet %s against v1.29.0 → %s", (version, ok) => {
    expect(runInitChecks({ ...node, kubeletVersion: version }, config)[1]!.ok).toBe(ok);
  });

  it("explains an unreadable, unreported or misconfigured version", () => {
    const version = (kubeletVersion: string | null, min = "v1.29.0") => runInitChecks({ ...node, kubeletVersion }, { ...config, minKubeletVersion: min })[1];
    expect(version("latest")).toEqual({
      check: "kubeletVersion",
      ok: false,
      reason: "kubelet_unreadable",
      params: { version: "latest" },
      message: 'Kubelet version "latest" cannot be read.',
    });
    expect(version(null)!.message).toBe("The kubelet has not reported its version yet.");
    expect(version("v1.28.1")!.message).toBe("Kubelet v1.28.1 is older than the required v1.29.0.");
    expect(version("v1.30.0", "1.x")!.message).toContain('"1.x" in the check settings is not a version');
  });

  it("parses and orders versions numerically, not as text", () => {
    expect(parseKubeletVersion(" v1.29.3 ")).toEqual([1, 29, 3]);
    expect(parseKubeletVersion("1.30")).toEqual([1, 30, 0]);
    expect([parseKubeletVersion("v1"), parseKubeletVersion("v1.2.3.4"), parseKubeletVersion("")]).toEqual([undefined, undefined, undefined]);
    expect(compareVersions([1, 10, 0], [1, 9, 9])).toBeGreaterThan(0);
    expect(compareVersions([1, 29, 0], [1, 29, 0])).toBe(0);
  });
});

describe("stuck nodes", () => {
  const t0 = new Date("2025-01-01T00:00:00Z");
  const after = (ms: number) => new Date(t0.getTime() + ms);

  it("flags a node only once it is past the state's threshold", () => {
    expect(stuckFor("INIT", t0, after(30 * 60_000))).toBeNull();
    expect(stuckFor("INIT", t0, after(30 * 60_000 + 1))).toEqual({ elapsedMs: 30 * 60_000 + 1, thresholdMs: DEFAULT_STUCK_THRESHOLDS.INIT });
    expect(stuckFor("WAIT", t0, after(25 * 3_600_000))?.thresholdMs).toBe(24 * 3_600_000);
    expect(stuckFor("OFFLINE", t0, after(6 * 86_400_000))).toBeNull();
  });

  it("never flags ONLINE by default, and uses the thresholds it is given", () => {
    expect(stuckFor("ONLINE", t0, after(365 * 86_400_000))).toBeNull();
    expect(stuckFor("ONLINE", t0, after(2_000), { ONLINE: 1_000 })).toEqual({ elapsedMs: 2_000, thresholdMs: 1_000 });
    expect(stuckFor("INIT", t0, after(10 * 3_600_000), { WAIT: 1 })).toBeNull();
  });

  it("treats a clock behind statusChangedAt as no time spent", () => {
    expect(stuckFor("INIT", t0, after(-5_000), { INIT: 0 })).toBeNull();
  });
});
