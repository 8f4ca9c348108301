import fc from "fast-check";
import { describe, expect, it } from "vitest";
// The simulator's copies of the API server's and Harbor's rules (files without imports, read across packages).
import { isHarborProjectName, isImageName, isRepositoryName } from "../../sim/src/harbor/names";
import { generateName, isDNS1123Label, isDNS1123Subdomain, isValidLabelValue, nameProblems, qualifiedNameProblems } from "../../sim/src/k8s/names";
import { lbObjectName } from "./load-balancers/manifests";
import { groupManifests, systemManifests } from "./manifests";
import { dnsLabel, GROUP_OBJECT_NAME_MAX, groupNameProblem, imageReference, REGISTRY_HOST_MAX, reservedSystemName } from "./names";
import { ApplicationCreate, ClusterCreate, DataCentreCreate, DataCentreUpdate, LabelPolicySet, labelKey, labelValue, SystemCreate } from "./schemas";

describe("dnsLabel", () => {
  it.each(["a", "shop", "shop-api", "a1", "1a", "x".repeat(63)])("accepts %s", (name) => {
    expect(dnsLabel.safeParse(name).success).toBe(true);
  });
  it.each([
    ["", "is required"],
    ["Shop", "DNS-1123"],
    ["-shop", "DNS-1123"],
    ["shop-", "DNS-1123"],
    ["shop_api", "DNS-1123"],
    ["shop.api", "DNS-1123"],
    ["x".repeat(64), "at most 63"],
  ])("rejects %j with a reason", (name, reason) => {
    const result = dnsLabel.safeParse(name);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(reason);
  });
});

describe("cluster names", () => {
  it.each(["overview", "transitions"])("refuses %s, a segment the node API and pages already use", (name) => {
    const result = ClusterCreate.safeParse({ name, dataCentre: "dc1", kubeconfig: "x" });
    expect(result.error?.issues[0]).toMatchObject({ path: ["name"], message: expect.stringContaining("is reserved") });
  });
  it("accepts ordinary names", () => {
    expect(ClusterCreate.safeParse({ name: "dc1-c1", dataCentre: "dc1", kubeconfig: "x" }).success).toBe(true);
  });
});

// Every name Capstan accepts must be valid wherever it becomes a name. The layers' own rules are the
// simulator's copies of them (Kubernetes apimachinery, Harbor, distribution), held against the names in
// the manifests Capstan actually builds.
describe("names are valid in every layer they reach", () => {
  it.each([
    ["1app", "must start with a letter"],
    ["9-web", "DNS-1035"],
    ["a".repeat(45), "at most 44 characters"],
  ])("an application named %j is refused: %s", (name, reason) => {
    const r = ApplicationCreate.safeParse({ name, displayName: "A" });
    expect(r.error?.issues[0]).toMatchObject({ path: ["name"], message: expect.stringContaining(reason) });
  });
  it.each(["a--b", "shop--api"])("a system named %j is refused, naming Harbor", (name) => {
    const r = SystemCreate.safeParse({ name, displayName: "S", department: "retail" });
    expect(r.error?.issues[0]).toMatchObject({ path: ["name"], message: expect.stringContaining("Harbor") });
  });
  it.each([
    ["kube-system", "Kubernetes"],
    ["kube-public", "Kubernetes"],
    ["kube-node-lease", "Kubernetes"],
    ["kube-anything", "Kubernetes"],
    ["default", "Kubernetes"],
    ["library", "Harbor"],
    ["capstan-builds", "Capstan"],
  ])("a system named %j is refused: a name %s keeps for itself", (name, layer) => {
    const r = SystemCreate.safeParse({ name, displayName: "S", department: "retail" });
    expect(r.error?.issues[0]).toMatchObject({ path: ["name"], message: expect.stringContaining(layer) });
    expect(reservedSystemName(name)).toMatch(/^is reserved/);
  });
  it.each(["1shop", "shop-api", "a", "x".repeat(63), "kube", "defaults", "libraryx", "capstan", "my-kube-system"])("a system named %j is accepted", (name) => {
    expect(SystemCreate.safeParse({ name, displayName: "S", department: "retail" }).success).toBe(true);
  });
  it("a group name's limit depends on its application's name", () => {
    const app = "a".repeat(40);
    expect(groupNameProblem(app, "b".repeat(GROUP_OBJECT_NAME_MAX - 41))).toBeUndefined();
    expect(groupNameProblem(app, "b".repeat(GROUP_OBJECT_NAME_MAX - 40))).toContain(`"${app}-${"b".repeat(6)}" would be 47 characters`);
    expect(groupNameProblem("web", "b".repeat(42))).toBeUndefined();
    // An application named before the DNS-1035 rule still cannot get a group whose Service would be refused.
    expect(groupNameProblem("1app", "web")).toContain("DNS-1035");
  });
  it("no application or group takes a load balancer's objects lb-<name>", () => {
    for (const name of ["lb", "lb-web", "lb-1"])
      expect(ApplicationCreate.safeParse({ name, displayName: "A" }).error?.issues).toEqual([
        expect.objectContaining({
          path: ["name"],
          message: expect.stringMatching(/^is reserved: a load balancer's objects/),
          params: { reason: "name_reserved" },
        }),
      ]);
    for (const name of ["lbx", "lb1", "blb", "my-lb", "l-b"]) expect(ApplicationCreate.safeParse({ name, displayName: "A" }).success).toBe(true);
    // Applications named before the rule: application "lb" with group "front" would be balancer "front"'s Deployment and Service.
    expect(groupNameProblem("lb", "front")).toContain(`"${lbObjectName("front")}" would begin with lb-`);
    expect(groupNameProblem("lb-a", "b")).toContain(`"${lbObjectName("a-b")}"`);
    expect(groupNameProblem("lbx", "front")).toBeUndefined();
  });

  const system = fc.oneof(fc.stringMatching(/^[a-z0-9][-a-z0-9]{0,64}$/), fc.constantFrom("a--b", "1shop", "shop", "x".repeat(63)));
  const application = fc.oneof(fc.stringMatching(/^[a-z0-9][-a-z0-9]{0,50}$/), fc.constantFrom("1app", "web", "a".repeat(44), "lb", "lb-web"));
  const group = fc.oneof(fc.stringMatching(/^[a-z0-9][-a-z0-9]{0,50}$/), fc.constantFrom("1", "bj1", "g".repeat(40)));
  const accepted = (s: string, a: string, g: string) =>
    SystemCreate.safeParse({ name: s, displayName: "S", department: "d" }).success &&
    ApplicationCreate.safeParse({ name: a, displayName: "A" }).success &&
    dnsLabel.safeParse(g).success &&
    groupNameProblem(a, g) === undefined;
  const base = { runtime: "GENERIC", port: 8080, protocol: "HTTP", healthCheckPath: null };
  const spec = {
    imageTag: "1",
    replicas: 1,
    cpuMillis: 100,
    memoryMiB: 64,
    gpu: 0,
    cpuMode: "SHARED" as const,
    zone: "default",
    resourceLabels: [],
    env: [],
    healthCheck: null,
    generation: 1,
    revision: 1,
    restartedAt: null,
  };

  it("every object, registry and DNS name derived from accepted names is valid there", () => {
    let tried = 0;
    fc.assert(
      fc.property(system, application, group, (s, a, g) => {
        if (!accepted(s, a, g)) return;
        tried++;
        const registry = "harbor.dc1.example.com:443";
        const objects = [
          ...systemManifests({
            name: s,
            isolation: "ISOLATED",
            quota: { cpuMillis: 1000, memoryMiB: 1024, gpu: 0, instances: 1 },
            pull: { registry, username: `robot$${s}+capstan-pull`, password: "p" },
          }),
          ...groupManifests({ system: s, application: { name: a, ...base }, group: { name: g, ...spec }, registry, dedicatedZones: [] }),
        ];
        for (const o of objects) {
          expect(nameProblems(o.kind, o.metadata.name), `${o.kind} ${o.metadata.name}`).toEqual([]);
          for (const v of Object.values(o.metadata.labels ?? {})) expect(isValidLabelValue(v), v).toBe(true);
        }
        const deployment = objects.find((o) => o.kind === "Deployment")! as unknown as {
          metadata: { name: string };
          spec: { template: { metadata: { labels: Record<string, string> }; spec: { containers: { name: string; image: string }[] } } };
        };
        // The ReplicaSet adds "-" and a pod-template hash (at most 10 characters); its pods keep their whole names.
        const replicaSet = `${deployment.metadata.name}-${"h".repeat(10)}`;
        expect(nameProblems("ReplicaSet", replicaSet)).toEqual([]);
        expect(generateName(`${replicaSet}-`, "abcde")).toBe(`${replicaSet}-abcde`);
        for (const v of Object.values(deployment.spec.template.metadata.labels)) expect(isValidLabelValue(v), v).toBe(true);
        const container = deployment.spec.template.spec.containers[0]!;
        expect(isDNS1123Label(container.name)).toEqual([]);
        // Harbor: the project, the robot (named robot$<project>+<name>), the repository in the image.
        expect(isHarborProjectName(s), s).toBe(true);
        expect(isRepositoryName(container.image.slice(registry.length + 1).split(":")[0]!)).toBe(true);
        // DNS: the Service's cluster name <service>.<namespace>.svc.cluster.local.
        const service = objects.find((o) => o.kind === "Service")!;
        const fqdn = `${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local`;
        expect(isDNS1123Subdomain(fqdn)).toEqual([]);
        for (const label of fqdn.split(".")) expect(isDNS1123Label(label)).toEqual([]);
        // Never a load balancer's objects (lb-<name>) in the same namespace.
        for (const o of objects) expect(o.metadata.name.startsWith(lbObjectName(""))).toBe(false);
      }),
      { numRuns: 2000 },
    );
    expect(tried).toBeGreaterThan(100);
  });
});

describe("label keys and values Capstan accepts are valid on a node", () => {
  it("a resource label fits a label key's 63-character name part", () => {
    const policy = (label: string) => LabelPolicySet.safeParse({ zones: ["default"], resourceLabels: [label], version: 1 });
    expect(policy(`res.${"a".repeat(59)}`).success).toBe(true);
    expect(policy(`res.${"a".repeat(60)}`).error?.issues[0]).toMatchObject({ path: ["resourceLabels", 0], message: expect.stringContaining("label key") });
  });
  it("every key and value the label schemas accept, the API server accepts", () => {
    const part = fc.stringMatching(/^[-A-Za-z0-9_.]{0,66}$/);
    const key = fc.oneof(
      part,
      fc.tuple(fc.stringMatching(/^[-a-z0-9.A-Z]{0,70}$/), part).map(([p, n]) => `${p}/${n}`),
      fc.constant(`res.${"a".repeat(60)}`),
    );
    fc.assert(
      fc.property(key, part, (k, v) => {
        if (labelKey.safeParse(k).success) expect(qualifiedNameProblems(k), k).toEqual([]);
        if (labelValue.safeParse(v).success) expect(isValidLabelValue(v), v).toBe(true);
        if (LabelPolicySet.safeParse({ zones: ["default"], resourceLabels: [k], version: 1 }).success) expect(qualifiedNameProblems(k), k).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("a data centre's Harbor host fits every image name pulled from it", () => {
  const dc = (harborUrl: string) =>
    DataCentreCreate.safeParse({ name: "dc1", displayName: "D", region: "r", harborUrl, harborUsername: "u", harborPassword: "p" });
  // A host of n characters with its port: DNS labels of 60 characters.
  const host = (n: number) => `${Array.from({ length: n - 5 }, (_, i) => (i % 61 === 60 && i < n - 6 ? "." : "a")).join("")}:8443`;
  it("accepts a host of REGISTRY_HOST_MAX characters and refuses one more, naming the reason", () => {
    expect(host(REGISTRY_HOST_MAX)).toHaveLength(REGISTRY_HOST_MAX);
    expect(dc(`https://${host(REGISTRY_HOST_MAX)}`).success).toBe(true);
    expect(dc(`https://${host(REGISTRY_HOST_MAX + 1)}`).error?.issues[0]).toMatchObject({
      path: ["harborUrl"],
      message: expect.stringContaining("image names"),
    });
    expect(dc(`https://${"a".repeat(64)}.example`).error?.issues[0]?.message).toContain("DNS labels");
    expect(DataCentreUpdate.safeParse({ harborUrl: `https://${host(REGISTRY_HOST_MAX + 1)}`, version: 1 }).success).toBe(false);
  });
  it("the longest host, system and application make an image name the registry's grammar accepts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 70, max: 160 }),
        fc.constantFrom("s", "x".repeat(63)),
        fc.constantFrom("a", "w".repeat(GROUP_OBJECT_NAME_MAX - 2)),
        (n, s, a) => {
          const url = `https://${host(n)}`;
          if (!dc(url).success) return;
          expect(
            SystemCreate.safeParse({ name: s, displayName: "S", department: "d" }).success &&
              ApplicationCreate.safeParse({ name: a, displayName: "A" }).success,
          ).toBe(true);
          expect(isImageName(`${new URL(url).host}/${s}/${a}`)).toBe(true);
        },
      ),
    );
  });
});

describe("imageReference (distribution/reference)", () => {
  it("accepts names with a registry, port, tag and digest", () => {
    for (const ref of [
      "busybox",
      "quay.io/buildah/stable:v1.37",
      "localhost:5000/a/b_c/d-e:1.0",
      `[::1]:5000/x@sha256:${"a".repeat(64)}`,
      "harbor.dc1/x/y:t@sha256:" + "0".repeat(64),
    ])
      expect(imageReference.safeParse(ref).success, ref).toBe(true);
  });
  it("refuses upper-case repositories, empty tags, spaces, bad digests and names over 255 characters", () => {
    for (const ref of ["Busybox", "quay.io/buildah:", "a b", "x@sha256:abc", "x:-tag", "a//b", `r.io/${"a".repeat(251)}`])
      expect(imageReference.safeParse(ref).success, ref).toBe(false);
  });
});
