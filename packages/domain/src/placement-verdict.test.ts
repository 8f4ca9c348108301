import { expect, it } from "vitest";
import { placementVerdict } from "./placement-verdict";

const facts = { cluster: "dc2-c1", replicas: 1, replicasThatFit: 1970, overQuota: [] as unknown[], conflicts: [] as unknown[] };

it("names quota, not capacity, when the nodes have room and the quota has not", () => {
  expect(placementVerdict({ ...facts, overQuota: ["Memory: asked 4Gi, 1Gi free"] })).toBe("quota");
  expect(placementVerdict({ ...facts, replicasThatFit: 0, overQuota: ["CPU: asked 2 cores, 1 free"] })).toBe("quota");
});

it("says fits, capacity, no cluster or policy otherwise", () => {
  expect(placementVerdict(facts)).toBe("ok");
  expect(placementVerdict({ ...facts, replicas: 3, replicasThatFit: 2 })).toBe("capacity");
  expect(placementVerdict({ ...facts, cluster: null, replicasThatFit: 0 })).toBe("noCluster");
  expect(placementVerdict({ ...facts, conflicts: [{}], overQuota: ["x"] })).toBe("policy");
});
