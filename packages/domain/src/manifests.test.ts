// Every manifest Capstan produces must be valid against the official Kubernetes schemas.
import { Namespace, ResourceQuota, LimitRange, Secret, Service } from "kubernetes-models/v1";
import { Deployment } from "kubernetes-models/apps/v1";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { describe, expect, it } from "vitest";
import { groupManifests, type GroupManifestInput, type Manifest, RESTARTED_AT, systemManifests } from "./manifests";
import { ZERO } from "./quota";
import { rolloutStrategy } from "./rollout-strategy";

const MODELS: Record<string, new (m: never) => { validate(): void }> = { Namespace, ResourceQuota, LimitRange, Secret, Service, Deployment, NetworkPolicy };
const validate = (m: Manifest) => new MODELS[m.kind]!(m as never).validate();

const base: GroupManifestInput = {
  system: "shop",
  application: { name: "storefront", runtime: "JAVA", port: 8080, protocol: "HTTP", healthCheckPath: "/healthz" },
  group: {
    name: "bj1",
    imageTag: "1.4.2",
    replicas: 3,
    cpuMillis: 500,
    memoryMiB: 1024,
    gpu: 0,
    cpuMode: "SHARED",
    zone: "default",
    resourceLabels: ["res.ssd"],
    env: [{ name: "MODE", value: "prod" }],
    healthCheck: null,
    generation: 4,
    revision: 2,
    restartedAt: null,
  },
  registry: "harbor.dc1.example.com",
  dedicatedZones: ["cicd"],
};
const deployment = (m: Manifest[]) =>
  m.find((x) => x.kind === "Deployment") as unknown as {
    spec: {
      template: {
        spec: { containers: { resources: unknown; env: { name: string; value: string }[]; image: string }[]; tolerations?: unknown[]; affinity: unknown };
      };
    };
  };

describe("manifests", () => {
  it("are valid Kubernetes objects, for both isolation modes, with and without a quota", () => {
    for (const isolation of ["ISOLATED", "OPEN"] as const)
      for (const quota of [null, { cpuMillis: 8000, memoryMiB: 16384, gpu: 1, instances: 40 }])
        systemManifests({
          name: "shop",
          isolation,
          quota,
          pull: { registry: "harbor.dc1:443", username: "robot$shop+capstan-pull", password: "s3cret" },
        }).forEach(validate);
    groupManifests(base).forEach(validate);
    groupManifests({
      ...base,
      group: {
        ...base.group,
        cpuMode: "EXCLUSIVE",
        cpuMillis: 2000,
        gpu: 1,
        zone: "cicd",
        healthCheck: { path: "/ready", initialDelaySeconds: 1, periodSeconds: 2 },
      },
    }).forEach(validate);
    groupManifests({ ...base, application: { ...base.application, protocol: "TCP", runtime: "GO" } }).forEach(validate);
  });

  it("the pull secret carries the robot's credentials for the data centre's registry only", () => {
    const secret = systemManifests({
      name: "shop",
      isolation: "ISOLATED",
      pull: { registry: "harbor.dc1:443", username: "robot$shop+pull", password: "s3cret" },
    }).find((m) => m.kind === "Secret") as unknown as { type: string; data: Record<string, string> };
    expect(secret.type).toBe("kubernetes.io/dockerconfigjson");
    const config = JSON.parse(atob(secret.data[".dockerconfigjson"]!));
    expect(config).toEqual({ auths: { "harbor.dc1:443": { username: "robot$shop+pull", password: "s3cret", auth: btoa("robot$shop+pull:s3cret") } } });
    expect(systemManifests({ name: "shop", isolation: "ISOLATED" }).some((m) => m.kind === "Secret")).toBe(false);
  });

  it("a validation that can fail: a broken Deployment is refused", () => {
    const [d] = groupManifests(base);
    expect(() => validate({ ...d!, spec: { replicas: "three" } })).toThrow();
  });

  it("shared CPU bursts above its request; exclusive CPU is Guaranteed in whole cores", () => {
    expect(deployment(groupManifests(base)).spec.template.spec.containers[0]!.resources).toEqual({
      requests: { cpu: "500m", memory: "1Gi" },
      limits: { cpu: "1", memory: "1Gi" },
    });
    const exclusive = groupManifests({ ...base, group: { ...base.group, cpuMode: "EXCLUSIVE", cpuMillis: 2000, gpu: 1 } });
    expect(deployment(exclusive).spec.template.spec.containers[0]!.resources).toEqual({
      requests: { cpu: "2", memory: "1Gi", "nvidia.com/gpu": "1" },
      limits: { cpu: "2", memory: "1Gi", "nvidia.com/gpu": "1" },
    });
  });

  it("place by zone and resource labels, tolerate only dedicated zones, and size the JVM from the container", () => {
    const d = deployment(groupManifests(base)).spec.template.spec;
    expect(JSON.stringify(d.affinity)).toContain('{"key":"zone","operator":"In","values":["default"]},{"key":"res.ssd","operator":"In","values":["true"]}');
    expect(d.tolerations).toBeUndefined();
    expect(d.containers[0]!.image).toBe("harbor.dc1.example.com/shop/storefront:1.4.2");
    expect(d.containers[0]!.env.find((e) => e.name === "JAVA_TOOL_OPTIONS")?.value).toContain("-XX:ActiveProcessorCount=1");
    const cicd = deployment(groupManifests({ ...base, group: { ...base.group, zone: "cicd" } })).spec.template.spec;
    expect(cicd.tolerations).toEqual([{ key: "zone", operator: "Equal", value: "cicd", effect: "NoSchedule" }]);
  });

  it("run the digest a revision pinned, by digest, and the tag only when no digest is known", () => {
    const digest = `sha256:${"ab".repeat(32)}`;
    const pinned = groupManifests({ ...base, group: { ...base.group, imageDigest: digest } });
    pinned.forEach(validate);
    expect(deployment(pinned).spec.template.spec.containers[0]!.image).toBe(`harbor.dc1.example.com/shop/storefront@${digest}`);
    expect(deployment(groupManifests({ ...base, group: { ...base.group, imageDigest: null } })).spec.template.spec.containers[0]!.image).toBe(
      "harbor.dc1.example.com/shop/storefront:1.4.2",
    );
  });

  it("a rolling restart stamps the pod template, as kubectl rollout restart does, and stays valid", () => {
    const template = (m: Manifest[]) =>
      (m.find((x) => x.kind === "Deployment") as unknown as { spec: { template: { metadata: { annotations?: Record<string, string> } } } }).spec.template
        .metadata;
    expect(template(groupManifests(base)).annotations).toBeUndefined();
    const restarted = groupManifests({ ...base, group: { ...base.group, restartedAt: new Date("2026-11-26T09:30:00.123Z") } });
    restarted.forEach(validate);
    expect(template(restarted).annotations).toEqual({ [RESTARTED_AT]: "2026-11-26T09:30:00.123Z" });
  });

  it("replaces pods as the quota's room allows: the strategy rolloutStrategy chose, valid in every form", () => {
    const strategy = (m: Manifest[]) => (m.find((x) => x.kind === "Deployment") as unknown as { spec: { strategy: unknown } }).spec.strategy;
    const perPod = { cpuMillis: 500, memoryMiB: 1024, gpu: 0, instances: 1 };
    for (const replicas of [1, 3]) {
      const atQuota = { quota: { ...perPod, cpuMillis: 500 * replicas, memoryMiB: 1024 * replicas, instances: 10 }, others: ZERO, replicas, perPod };
      const m = groupManifests({ ...base, group: { ...base.group, replicas }, strategy: rolloutStrategy(atQuota) });
      m.forEach(validate);
      expect(strategy(m)).toEqual(replicas === 1 ? { type: "Recreate" } : { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
    }
    expect(strategy(groupManifests(base))).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } });
  });
});
