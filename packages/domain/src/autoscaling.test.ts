import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { describe, expect, it } from "vitest";
import { AUTOSCALING_PRESETS, autoscalerManifest, autoscalerStatus, type Autoscaling, reservedReplicas } from "./autoscaling";
import { groupManifests, type GroupManifestInput } from "./manifests";
import { reservedFootprint } from "./quota";
import { GroupAutoscalingSet, GroupCreate } from "./schemas";
import { parseInput } from "./validation";

const auto: Autoscaling = { minReplicas: 2, maxReplicas: 6, cpuUtilisation: 70, behaviour: "default" };
const input: GroupManifestInput = {
  system: "shop",
  application: { name: "storefront", runtime: "GENERIC", port: 8080, protocol: "HTTP", healthCheckPath: "/healthz" },
  group: {
    name: "web",
    imageTag: "1.0",
    replicas: 3,
    cpuMillis: 500,
    memoryMiB: 256,
    gpu: 0,
    cpuMode: "SHARED",
    zone: "default",
    resourceLabels: [],
    env: [],
    healthCheck: null,
    generation: 1,
    revision: 1,
    restartedAt: null,
  },
  registry: "harbor.dc1",
  dedicatedZones: [],
};
const spec = (kind: string, a: Autoscaling | null) =>
  groupManifests({ ...input, group: { ...input.group, autoscaling: a } }).find((m) => m.kind === kind)?.spec as Record<string, unknown> | undefined;

describe("the autoscaler of a group", () => {
  it("is a valid autoscaling/v2 HPA named as the Deployment, with Kubernetes' default windows by default", () => {
    const hpa = autoscalerManifest("shop", "storefront", "web", auto);
    new HorizontalPodAutoscaler(hpa as never).validate();
    expect(hpa.metadata).toMatchObject({ name: "storefront-web", namespace: "shop" });
    expect(hpa.spec).toMatchObject({
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "storefront-web" },
      minReplicas: 2,
      maxReplicas: 6,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }],
      behavior: { scaleUp: { stabilizationWindowSeconds: 0 }, scaleDown: { stabilizationWindowSeconds: 300 } },
    });
  });

  it("takes a preset's or explicit windows, and a memory target", () => {
    const fast = autoscalerManifest("shop", "storefront", "web", { ...auto, memoryUtilisation: 80, behaviour: "conservative" });
    expect(fast.spec).toMatchObject({
      metrics: [{ resource: { name: "cpu" } }, { resource: { name: "memory", target: { averageUtilization: 80 } } }],
      behavior: { scaleUp: { stabilizationWindowSeconds: 60 }, scaleDown: { stabilizationWindowSeconds: 600 } },
    });
    const explicit = autoscalerManifest("shop", "storefront", "web", {
      ...auto,
      behaviour: { scaleUpStabilisationSeconds: 5, scaleDownStabilisationSeconds: 10 },
    });
    expect(explicit.spec).toMatchObject({ behavior: { scaleUp: { stabilizationWindowSeconds: 5 }, scaleDown: { stabilizationWindowSeconds: 10 } } });
    expect(AUTOSCALING_PRESETS.default).toEqual({ scaleUpStabilisationSeconds: 0, scaleDownStabilisationSeconds: 300 });
  });

  it("is rendered with the group only when it autoscales, and then the Deployment leaves replicas to it", () => {
    expect(spec("HorizontalPodAutoscaler", null)).toBeUndefined();
    expect(spec("Deployment", null)).toHaveProperty("replicas", 3);
    expect(spec("HorizontalPodAutoscaler", auto)).toMatchObject({ maxReplicas: 6 });
    expect(spec("Deployment", auto)).not.toHaveProperty("replicas");
  });
});

describe("what an autoscaled group holds of its quota", () => {
  it("is maxReplicas pods while it autoscales, its replicas otherwise", () => {
    expect(reservedReplicas({ replicas: 3, autoscaling: null })).toBe(3);
    expect(reservedReplicas({ replicas: 3, autoscaling: auto })).toBe(6);
    expect(reservedFootprint({ replicas: 3, cpuMillis: 500, memoryMiB: 256, gpu: 0, autoscaling: auto })).toEqual({
      cpuMillis: 3000,
      memoryMiB: 1536,
      gpu: 0,
      instances: 6,
    });
  });
});

describe("the autoscaling request", () => {
  const ok = { minReplicas: 1, maxReplicas: 4, cpuUtilisation: 60, version: 1 };
  it("defaults the behaviour to Kubernetes'", () => expect(parseInput(GroupAutoscalingSet, ok).behaviour).toBe("default"));
  it.each([
    [{ ...ok, minReplicas: 0 }, "minReplicas"],
    [{ ...ok, maxReplicas: 501 }, "maxReplicas"],
    [{ ...ok, minReplicas: 5 }, "maxReplicas"],
    [{ minReplicas: 1, maxReplicas: 2, version: 1 }, "cpuUtilisation"],
    [{ ...ok, cpuUtilisation: 0 }, "cpuUtilisation"],
    [{ ...ok, behaviour: "slow" }, "behaviour"],
    [{ ...ok, behaviour: { scaleUpStabilisationSeconds: 0, scaleDownStabilisationSeconds: 3601 } }, "behaviour.scaleDownStabilisationSeconds"],
  ])("refuses %j naming %s", (body, field) => {
    expect(() => parseInput(GroupAutoscalingSet, body)).toThrow(
      expect.objectContaining({ status: 422, fields: expect.objectContaining({ [field]: expect.any(String) }) }),
    );
  });
  it("may come with a new group", () => {
    const g = parseInput(GroupCreate, {
      name: "web",
      dataCentre: "dc1",
      imageTag: "1",
      replicas: 1,
      cpu: "100m",
      memory: "128Mi",
      autoscaling: { minReplicas: 1, maxReplicas: 4, cpuUtilisation: 60 },
    });
    expect(g.autoscaling).toMatchObject({ minReplicas: 1, maxReplicas: 4 });
  });
});

describe("the autoscaler's status", () => {
  it("keeps counts, the last scale, utilisations and conditions", () => {
    expect(
      autoscalerStatus({
        currentReplicas: 2,
        desiredReplicas: 4,
        lastScaleTime: "2026-11-30T10:00:00Z",
        currentMetrics: [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: 140 } } }],
        conditions: [{ type: "ScalingLimited", status: "False", reason: "DesiredWithinRange", message: "the desired count is within the acceptable range" }],
      }),
    ).toEqual({
      currentReplicas: 2,
      desiredReplicas: 4,
      lastScaleTime: "2026-11-30T10:00:00.000Z",
      currentCpuUtilisation: 140,
      currentMemoryUtilisation: null,
      conditions: [{ type: "ScalingLimited", status: "False", reason: "DesiredWithinRange", message: "the desired count is within the acceptable range" }],
    });
    expect(autoscalerStatus(undefined)).toMatchObject({ currentReplicas: 0, lastScaleTime: null, conditions: [] });
  });
});
