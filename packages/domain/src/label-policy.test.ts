import { describe, expect, it } from "vitest";
import { checkNodeLabels, checkPlacementRequest, checkPolicy, type LabelPolicy, labelPolicyFrom, nodeMatches, resourceLabelChoices } from "./label-policy";
import { groupManifests, ZONE_LABEL, ZONE_TAINT } from "./manifests";

const policy: LabelPolicy = {
  zones: ["default", "cicd"],
  resourceLabels: ["res.ssd", "res.gpu", "res.normal"],
  exclusiveSets: [["res.normal", "res.gpu"]],
  reservedZones: ["cicd"],
};
const rules = (v: { rule: string }[]) => v.map((x) => x.rule);

describe("policy from the database rows", () => {
  it("takes zones and dedicated zones from the zone definition, flags from RESOURCE definitions", () => {
    const p = labelPolicyFrom(
      [
        { key: "zone", kind: "ZONE", values: ["default", "cicd"], dedicated: ["cicd"] },
        { key: "res.ssd", kind: "RESOURCE", values: ["true"], dedicated: [] },
        { key: "res.gpu", kind: "RESOURCE", values: ["true"], dedicated: [] },
        { key: "rack", kind: "ZONE", values: ["r1"], dedicated: ["r1"] },
      ],
      [{ labels: ["res.ssd", "res.gpu"] }],
    );
    expect(p).toEqual({ zones: ["default", "cicd"], reservedZones: ["cicd"], resourceLabels: ["res.ssd", "res.gpu"], exclusiveSets: [["res.ssd", "res.gpu"]] });
  });
  it("is empty without definitions, so every label is unknown", () => {
    const p = labelPolicyFrom([], []);
    expect(rules(checkNodeLabels(p, { zone: "default", "res.ssd": "true" }))).toEqual(["unknown-zone", "unknown-resource-label"]);
    expect(checkNodeLabels(p, {})[0]!.message).toBe("The node has no zone label (none are defined).");
  });
  it("uses the same zone label and taint key as the manifests", () => {
    expect([ZONE_LABEL, ZONE_TAINT]).toEqual(["zone", "zone"]);
  });
});

describe("node labels", () => {
  it("accepts one known zone with intersecting flags and ignores labels that are not Capstan's", () => {
    expect(checkNodeLabels(policy, { zone: "default", "res.ssd": "true", "res.gpu": "true", "kubernetes.io/hostname": "n1", res: "gpu" })).toEqual([]);
    expect(checkNodeLabels(policy, { zone: "cicd" })).toEqual([]);
  });
  it("requires a zone", () => {
    expect(checkNodeLabels(policy, { "res.ssd": "true" })).toEqual([
      { rule: "missing-zone", labels: ["zone"], message: "The node has no zone label (known: default, cicd)." },
    ]);
    expect(rules(checkNodeLabels(policy, { zone: "" }))).toEqual(["missing-zone"]);
  });
  it("refuses an unknown zone", () => {
    expect(checkNodeLabels(policy, { zone: "edge" })).toEqual([
      { rule: "unknown-zone", labels: ["zone"], message: 'Zone "edge" is not a known zone (known: default, cicd).' },
    ]);
  });
  it("refuses unknown res.* flags, one violation each", () => {
    const v = checkNodeLabels(policy, { zone: "default", "res.nvme": "true", "res.fpga": "true" });
    expect(v.map((x) => x.labels)).toEqual([["res.nvme"], ["res.fpga"]]);
    expect(v[0]!.message).toBe("res.nvme is not a known resource label (known: res.ssd, res.gpu, res.normal).");
  });
  it('refuses flags whose value is not "true"', () => {
    expect(checkNodeLabels(policy, { zone: "default", "res.ssd": "false" })).toEqual([
      { rule: "bad-flag-value", labels: ["res.ssd"], message: 'res.ssd must be "true" or absent, not "false".' },
    ]);
  });
  it("refuses an exclusive pair and names both labels", () => {
    expect(checkNodeLabels(policy, { zone: "default", "res.normal": "true", "res.gpu": "true", "res.ssd": "true" })).toEqual([
      { rule: "exclusive-conflict", labels: ["res.normal", "res.gpu"], message: "The node combines res.normal and res.gpu, which exclude each other." },
    ]);
  });
  it("only flags that are on count towards a conflict", () => {
    expect(rules(checkNodeLabels(policy, { zone: "default", "res.normal": "true", "res.gpu": "false" }))).toEqual(["bad-flag-value"]);
  });
  it("reports one violation per broken set, with only the labels present", () => {
    const p = {
      ...policy,
      resourceLabels: [...policy.resourceLabels, "res.arm"],
      exclusiveSets: [
        ["res.normal", "res.gpu", "res.arm"],
        ["res.ssd", "res.arm"],
      ],
    };
    expect(checkNodeLabels(p, { zone: "default", "res.ssd": "true", "res.arm": "true", "res.gpu": "true" }).map((v) => v.labels)).toEqual([
      ["res.gpu", "res.arm"],
      ["res.ssd", "res.arm"],
    ]);
  });
  it("reports every problem at once", () => {
    expect(rules(checkNodeLabels(policy, { zone: "edge", "res.x": "true", "res.normal": "true", "res.gpu": "true" }))).toEqual([
      "unknown-zone",
      "unknown-resource-label",
      "exclusive-conflict",
    ]);
  });
});

describe("placement requests", () => {
  it("accepts a known open zone and compatible flags", () => {
    expect(checkPlacementRequest(policy, { zone: "default", resourceLabels: [] })).toEqual([]);
    expect(checkPlacementRequest(policy, { zone: "default", resourceLabels: ["res.ssd", "res.gpu"] })).toEqual([]);
  });
  it("refuses an unknown zone", () => {
    expect(checkPlacementRequest(policy, { zone: "edge", resourceLabels: [] })).toEqual([
      { rule: "unknown-zone", labels: ["zone"], message: 'Zone "edge" is not a known zone (known: default, cicd).' },
    ]);
  });
  it("refuses unknown labels in one violation", () => {
    expect(checkPlacementRequest(policy, { zone: "default", resourceLabels: ["res.ssd", "res.nvme", "res.fpga"] })).toEqual([
      {
        rule: "unknown-resource-label",
        labels: ["res.nvme", "res.fpga"],
        message: '"res.nvme", "res.fpga" are not known resource labels (known: res.ssd, res.gpu, res.normal).',
      },
    ]);
    expect(checkPlacementRequest(policy, { zone: "default", resourceLabels: ["res.nvme"] })[0]!.message).toContain('"res.nvme" is not a known resource label');
  });
  it("refuses exclusive labels together, naming them", () => {
    expect(checkPlacementRequest(policy, { zone: "default", resourceLabels: ["res.gpu", "res.normal"] })).toEqual([
      { rule: "exclusive-conflict", labels: ["res.normal", "res.gpu"], message: "The placement combines res.normal and res.gpu, which exclude each other." },
    ]);
  });
  it("refuses reserved zones to ordinary groups and admits the groups allowed there", () => {
    expect(checkPlacementRequest(policy, { zone: "cicd", resourceLabels: [] })).toEqual([
      { rule: "reserved-zone", labels: ["zone"], message: 'Zone "cicd" is reserved for dedicated work; choose another zone.' },
    ]);
    expect(checkPlacementRequest(policy, { zone: "cicd", resourceLabels: [] }, { reservedAllowed: ["other"] })).toHaveLength(1);
    expect(checkPlacementRequest(policy, { zone: "cicd", resourceLabels: [] }, { reservedAllowed: ["cicd"] })).toEqual([]);
  });
});

describe("policy checks", () => {
  it("accepts a sound policy", () => {
    expect(checkPolicy(policy)).toEqual([]);
  });
  it("refuses flags that do not look like res.*, stray reserved zones and odd exclusive sets", () => {
    const v = checkPolicy({
      zones: ["default"],
      resourceLabels: ["ssd", "res.gpu"],
      reservedZones: ["cicd"],
      exclusiveSets: [
        ["res.gpu", "res.tpu"],
        ["res.gpu", "res.gpu"],
      ],
    });
    expect(v.map((x) => [x.rule, x.field, x.labels])).toEqual([
      ["bad-policy", "resourceLabels", ["ssd"]],
      ["bad-policy", "dedicatedZones", ["cicd"]],
      ["bad-policy", "exclusiveSets.0", ["res.tpu"]],
      ["bad-policy", "exclusiveSets.1", ["res.gpu", "res.gpu"]],
    ]);
  });
  it("refuses reserving every zone", () => {
    expect(checkPolicy({ ...policy, zones: ["cicd"] })).toEqual([
      { rule: "bad-policy", field: "dedicatedZones", labels: ["cicd"], message: "At least one zone must be open to ordinary groups." },
    ]);
  });
});

describe("node matching", () => {
  const node = { zone: "default", "res.ssd": "true", "res.gpu": "true" };
  it("needs the zone and every requested flag set to true", () => {
    expect(nodeMatches(undefined, node, { zone: "default", resourceLabels: [] })).toBe(true);
    expect(nodeMatches(undefined, node, { zone: "default", resourceLabels: ["res.ssd", "res.gpu"] })).toBe(true);
    expect(nodeMatches(undefined, node, { zone: "cicd", resourceLabels: [] })).toBe(false);
    expect(nodeMatches(undefined, node, { zone: "default", resourceLabels: ["res.normal"] })).toBe(false);
    expect(nodeMatches(undefined, { ...node, "res.ssd": "false" }, { zone: "default", resourceLabels: ["res.ssd"] })).toBe(false);
    expect(nodeMatches(undefined, {}, { zone: "default", resourceLabels: [] })).toBe(false);
  });
  it("with a policy, skips nodes that break it", () => {
    expect(nodeMatches(policy, node, { zone: "default", resourceLabels: ["res.ssd"] })).toBe(true);
    const broken = { zone: "default", "res.normal": "true", "res.gpu": "true" };
    expect(nodeMatches(undefined, broken, { zone: "default", resourceLabels: ["res.gpu"] })).toBe(true);
    expect(nodeMatches(policy, broken, { zone: "default", resourceLabels: ["res.gpu"] })).toBe(false);
  });
  it("agrees with the affinity groupManifests writes", () => {
    const [d] = groupManifests({
      system: "s",
      application: { name: "a", runtime: "GO", port: 80, protocol: "HTTP", healthCheckPath: null },
      group: {
        name: "g",
        imageTag: "1",
        replicas: 1,
        cpuMillis: 100,
        memoryMiB: 128,
        gpu: 0,
        cpuMode: "SHARED",
        zone: "default",
        resourceLabels: ["res.ssd"],
        env: [],
        healthCheck: null,
        generation: 1,
        revision: 1,
        restartedAt: null,
      },
      registry: "r",
      dedicatedZones: [],
    });
    type Affinity = {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: { matchExpressions: { key: string; values: string[] }[] }[] } };
    };
    const affinity = (d as unknown as { spec: { template: { spec: { affinity: Affinity } } } }).spec.template.spec.affinity;
    const exprs = affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]!.matchExpressions;
    expect(exprs.map((e) => e.key)).toEqual(["zone", "res.ssd"]);
    const affinityMatches = (labels: Record<string, string>) => exprs.every((e) => e.values.includes(labels[e.key] ?? "\0"));
    const cases: Record<string, string>[] = [node, { zone: "default" }, { zone: "cicd", "res.ssd": "true" }, { zone: "default", "res.ssd": "yes" }];
    for (const labels of cases) expect(nodeMatches(undefined, labels, { zone: "default", resourceLabels: ["res.ssd"] })).toBe(affinityMatches(labels));
  });
});

describe("resource labels a form offers", () => {
  it("offers every known label, and not one that would combine an exclusive set with what is chosen", () => {
    const p = { resourceLabels: ["res.normal", "res.ssd", "res.gpu"], exclusiveSets: [["res.normal", "res.gpu"]] };
    expect(resourceLabelChoices(p, [])).toEqual([
      { label: "res.normal", allowed: true },
      { label: "res.ssd", allowed: true },
      { label: "res.gpu", allowed: true },
    ]);
    expect(
      resourceLabelChoices(p, ["res.gpu"])
        .filter((c) => !c.allowed)
        .map((c) => c.label),
    ).toEqual(["res.normal"]);
    expect(resourceLabelChoices(p, ["res.ssd"]).every((c) => c.allowed)).toBe(true);
    // what the form offers, the placement check accepts
    for (const c of resourceLabelChoices(p, ["res.normal"]))
      expect(
        checkPlacementRequest({ ...p, zones: ["default"], reservedZones: [] }, { zone: "default", resourceLabels: ["res.normal", c.label] }).length === 0,
      ).toBe(c.allowed);
  });
});
