// What a placement preview tells first: the one thing that stops the group, or that it fits.

/** The parts of a placement preview the verdict reads (PlacementPreviewResult). */
export interface PlacementFacts {
  cluster: string | null;
  replicas: number;
  replicasThatFit: number;
  /** the system's quota shortfalls in the data centre (reason quota_short each) */
  overQuota: unknown[];
  conflicts: unknown[];
}

/**
 * Why a group would not be placed, in the order a person has to act on it: the label policy forbids it
 * (policy), no cluster has matching nodes (noCluster), the system's quota has no room (quota: more
 * nodes would not help, a quota request would), the nodes have no room (capacity: some replicas stay
 * Pending); else ok. Quota comes before capacity so a preview never says "only 1970 of 1 replicas fit"
 * when capacity is plentiful and quota is what stops it.
 */
export function placementVerdict(p: PlacementFacts): "ok" | "policy" | "noCluster" | "quota" | "capacity" {
  if (p.conflicts.length > 0) return "policy";
  if (p.cluster === null) return "noCluster";
  if (p.overQuota.length > 0) return "quota";
  if (p.replicasThatFit < p.replicas) return "capacity";
  return "ok";
}
