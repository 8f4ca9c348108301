import { describe, expect, it } from "vitest";
import type { LabelPolicy } from "./label-policy";
import { type LabelUsers, policyRemovals, removalConflicts } from "./label-policy-change";
import { LabelPolicySet, NodeInitChecksSet } from "./schemas";
import { parseInput } from "./validation";

const policy: LabelPolicy = { zones: ["default", "cicd", "edge"], reservedZones: ["cicd"], resourceLabels: ["res.ssd", "res.gpu"], exclusiveSets: [] };

describe("what a new policy removes", () => {
  it("lists zone values and flags that are gone, not ones added or re-dedicated", () => {
    expect(
      policyRemovals(policy, { zones: ["default", "cicd", "new"], reservedZones: [], resourceLabels: ["res.gpu", "res.fpga"], exclusiveSets: [] }),
    ).toEqual({
      zones: ["edge"],
      resourceLabels: ["res.ssd"],
    });
    expect(policyRemovals(policy, policy)).toEqual({ zones: [], resourceLabels: [] });
  });
});

describe("removals still in use", () => {
  const users: LabelUsers = {
    nodes: [
      { name: "c1/n1", labels: { zone: "edge", "res.ssd": "true" } },
      { name: "c1/n2", labels: { zone: "default" } },
    ],
    groups: [
      { name: "shop/web/g1", zone: "edge", resourceLabels: [] },
      { name: "shop/web/g2", zone: "default", resourceLabels: ["res.ssd"] },
    ],
  };
  it("names the nodes and groups per field", () => {
    expect(removalConflicts({ zones: ["edge"], resourceLabels: ["res.ssd"] }, users)).toEqual({
      zones: 'Zone "edge" is still used by node c1/n1 and group shop/web/g1.',
      resourceLabels: "res.ssd is still used by node c1/n1 and group shop/web/g2.",
    });
  });
  it("is empty when nothing uses what goes", () => {
    expect(removalConflicts({ zones: ["cicd"], resourceLabels: ["res.gpu"] }, users)).toEqual({});
  });
  it("names five users of a kind and counts the rest", () => {
    const nodes = Array.from({ length: 7 }, (_, i) => ({ name: `c/n${i}`, labels: { zone: "edge" } }));
    expect(removalConflicts({ zones: ["edge"], resourceLabels: [] }, { nodes, groups: [] }).zones).toBe(
      'Zone "edge" is still used by nodes c/n0, c/n1, c/n2, c/n3, c/n4 and 2 more.',
    );
  });
});

describe("request schemas", () => {
  it("defaults the optional lists of a label policy and refuses repeats and single-label sets", () => {
    expect(parseInput(LabelPolicySet, { zones: ["default"], version: 1 })).toEqual({
      zones: ["default"],
      dedicatedZones: [],
      resourceLabels: [],
      exclusiveSets: [],
      version: 1,
    });
    const err = (() => {
      try {
        parseInput(LabelPolicySet, { zones: ["default", "default"], resourceLabels: ["ssd"], exclusiveSets: [["res.gpu"]], version: 1 });
      } catch (e) {
        return e as { status: number; fields: Record<string, string> };
      }
    })();
    expect(err?.status).toBe(422);
    expect(err?.fields).toEqual({
      zones: 'lists "default" twice',
      "resourceLabels.0": "must be a resource label such as res.ssd",
      "exclusiveSets.0": "needs at least two labels",
    });
  });
  it("takes init checks with a vX.Y.Z minimum or none", () => {
    expect(parseInput(NodeInitChecksSet, { requireReady: true, version: 0 })).toEqual({
      requireReady: true,
      minKubeletVersion: null,
      requiredLabels: [],
      version: 0,
    });
    expect(() => parseInput(NodeInitChecksSet, { requireReady: true, minKubeletVersion: "1.29", version: 0 })).toThrow(
      "minKubeletVersion must be a version such as v1.29.0",
    );
    expect(() => parseInput(NodeInitChecksSet, { requireReady: true, requiredLabels: ["zone", "a/b/c"], version: 0 })).toThrow(
      "requiredLabels.1 must be a label key",
    );
  });
});
