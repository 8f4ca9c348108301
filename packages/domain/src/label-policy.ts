// The scheduling labels Capstan manages on nodes, with the conventions of manifests.ts: one `zone`
// label per node (dedicated zones are also tainted `zone=<zone>:NoSchedule`), and resource flags
// `res.<name>=true` that may intersect unless an exclusive set forbids it.
import type { FieldReason } from "./error-reasons";
import type { FieldError } from "./errors";
import { ZONE_LABEL } from "./manifests";

export const RESOURCE_PREFIX = "res.";
/** The value a resource flag has on a node; group affinity asks for `In ["true"]`. */
export const FLAG_ON = "true";

export interface LabelPolicy {
  /** Known zone values, e.g. ["default", "cicd"]. */
  zones: string[];
  /** Known resource flag keys, e.g. ["res.ssd", "res.gpu", "res.normal"]. */
  resourceLabels: string[];
  /** Each set: labels no node or placement may combine (at most one of them), e.g. [["res.normal", "res.gpu"]]. */
  exclusiveSets: string[][];
  /** Dedicated zones (tainted), e.g. ["cicd"]; ordinary groups are never placed there. */
  reservedZones: string[];
}

/** Builds the policy from the LabelDefinition and LabelExclusiveSet rows (zone values and
 * `dedicated` from the ZONE definition keyed `zone`; every RESOURCE definition's key is a flag). */
export function labelPolicyFrom(
  definitions: { key: string; kind: "ZONE" | "RESOURCE"; values: string[]; dedicated: string[] }[],
  exclusiveSets: { labels: string[] }[],
): LabelPolicy {
  const zone = definitions.find((d) => d.kind === "ZONE" && d.key === ZONE_LABEL);
  return {
    zones: zone?.values ?? [],
    reservedZones: zone?.dedicated ?? [],
    resourceLabels: definitions.filter((d) => d.kind === "RESOURCE").map((d) => d.key),
    exclusiveSets: exclusiveSets.map((s) => s.labels),
  };
}

export type LabelRule = "missing-zone" | "unknown-zone" | "reserved-zone" | "unknown-resource-label" | "bad-flag-value" | "exclusive-conflict" | "bad-policy";
export interface LabelViolation {
  rule: LabelRule;
  /** The labels at fault, e.g. ["res.normal", "res.gpu"] for an exclusive conflict. */
  labels: string[];
  message: string;
}

/**
 * A violation as a field error: its rule as the reason (label_<rule>, e.g. label_unknown_zone) and the
 * labels at fault as params; the message stays the violation's own English.
 */
export const violationFault = (v: LabelViolation): FieldError => ({ reason: RULE_REASON[v.rule], params: { labels: v.labels.join(", ") }, message: v.message });

const RULE_REASON: Record<LabelRule, FieldReason> = {
  "missing-zone": "label_missing_zone",
  "unknown-zone": "label_unknown_zone",
  "reserved-zone": "label_reserved_zone",
  "unknown-resource-label": "label_unknown_resource_label",
  "bad-flag-value": "label_bad_flag_value",
  "exclusive-conflict": "label_exclusive_conflict",
  "bad-policy": "label_bad_policy",
};

const quoted = (l: string[]) => l.map((x) => `"${x}"`).join(", ");
const known = (list: string[]) => (list.length ? `known: ${list.join(", ")}` : "none are defined");

/** Conflicts among `present`: one violation per exclusive set with two or more of its labels. */
function exclusiveConflicts(policy: LabelPolicy, present: Set<string>, where: string): LabelViolation[] {
  return policy.exclusiveSets
    .map((set) => [...new Set(set)].filter((l) => present.has(l)))
    .filter((hit) => hit.length > 1)
    .map((hit) => ({ rule: "exclusive-conflict", labels: hit, message: `${where} combines ${hit.join(" and ")}, which exclude each other.` }));
}

/**
 * The resource labels a form may offer beside those already `chosen`: each known label, and whether adding
 * it keeps the placement within the exclusive sets (a chosen label stays allowed, so it can be unchosen).
 */
export function resourceLabelChoices(
  policy: Pick<LabelPolicy, "resourceLabels" | "exclusiveSets">,
  chosen: readonly string[],
): { label: string; allowed: boolean }[] {
  const full = { zones: [], reservedZones: [], ...policy };
  return policy.resourceLabels.map((label) => ({
    label,
    allowed: chosen.includes(label) || exclusiveConflicts(full, new Set([...chosen, label]), "").length === 0,
  }));
}

/** A node's labels against the policy. Labels outside `zone` and `res.*` are not Capstan's and pass. */
export function checkNodeLabels(policy: LabelPolicy, labels: Record<string, string>): LabelViolation[] {
  const out: LabelViolation[] = [];
  const zone = labels[ZONE_LABEL];
  if (!zone) out.push({ rule: "missing-zone", labels: [ZONE_LABEL], message: `The node has no ${ZONE_LABEL} label (${known(policy.zones)}).` });
  else if (!policy.zones.includes(zone))
    out.push({ rule: "unknown-zone", labels: [ZONE_LABEL], message: `Zone "${zone}" is not a known zone (${known(policy.zones)}).` });
  const flags = new Set<string>();
  for (const [key, value] of Object.entries(labels)) {
    if (!key.startsWith(RESOURCE_PREFIX)) continue;
    if (!policy.resourceLabels.includes(key))
      out.push({ rule: "unknown-resource-label", labels: [key], message: `${key} is not a known resource label (${known(policy.resourceLabels)}).` });
    // "false" or "yes" would silently not match any group's affinity, so it is an error, not "off".
    else if (value !== FLAG_ON) out.push({ rule: "bad-flag-value", labels: [key], message: `${key} must be "${FLAG_ON}" or absent, not "${value}".` });
    else flags.add(key);
  }
  return [...out, ...exclusiveConflicts(policy, flags, "The node")];
}

export interface PlacementRequest {
  zone: string;
  resourceLabels: string[];
}

/** A group's zone and resource labels. `reservedAllowed` lists the dedicated zones this group may
 * use (e.g. ["cicd"] for CI systems); ordinary groups pass none and are refused reserved zones. */
export function checkPlacementRequest(policy: LabelPolicy, request: PlacementRequest, options: { reservedAllowed?: string[] } = {}): LabelViolation[] {
  const out: LabelViolation[] = [];
  if (!policy.zones.includes(request.zone))
    out.push({ rule: "unknown-zone", labels: [ZONE_LABEL], message: `Zone "${request.zone}" is not a known zone (${known(policy.zones)}).` });
  else if (policy.reservedZones.includes(request.zone) && !options.reservedAllowed?.includes(request.zone))
    out.push({ rule: "reserved-zone", labels: [ZONE_LABEL], message: `Zone "${request.zone}" is reserved for dedicated work; choose another zone.` });
  const unknown = request.resourceLabels.filter((l) => !policy.resourceLabels.includes(l));
  if (unknown.length)
    out.push({
      rule: "unknown-resource-label",
      labels: unknown,
      message: `${quoted(unknown)} ${unknown.length > 1 ? "are not known resource labels" : "is not a known resource label"} (${known(policy.resourceLabels)}).`,
    });
  return [...out, ...exclusiveConflicts(policy, new Set(request.resourceLabels), "The placement")];
}

/** A policy problem, with the field of the policy (as set-label-policy takes it) at fault. */
export interface PolicyViolation extends LabelViolation {
  field: "zones" | "dedicatedZones" | "resourceLabels" | `exclusiveSets.${number}`;
}

/** The policy itself: what an admin saves must be usable by the checks above. */
export function checkPolicy(policy: LabelPolicy): PolicyViolation[] {
  const bad = (field: PolicyViolation["field"], labels: string[], message: string): PolicyViolation => ({ rule: "bad-policy", field, labels, message });
  const out: PolicyViolation[] = [];
  const notFlags = policy.resourceLabels.filter((l) => !/^res\.[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(l));
  if (notFlags.length) out.push(bad("resourceLabels", notFlags, `Resource labels must look like res.ssd: ${quoted(notFlags)}.`));
  const strayReserved = policy.reservedZones.filter((z) => !policy.zones.includes(z));
  if (strayReserved.length) out.push(bad("dedicatedZones", strayReserved, `Reserved zones must be known zones: ${quoted(strayReserved)}.`));
  // Reserving every zone would leave ordinary groups nowhere to run.
  else if (policy.zones.length && policy.zones.every((z) => policy.reservedZones.includes(z)))
    out.push(bad("dedicatedZones", policy.zones, "At least one zone must be open to ordinary groups."));
  policy.exclusiveSets.forEach((set, i) => {
    const stray = set.filter((l) => !policy.resourceLabels.includes(l));
    if (stray.length) out.push(bad(`exclusiveSets.${i}`, stray, `Exclusive sets may only hold known resource labels: ${quoted(stray)}.`));
    else if (new Set(set).size < 2) out.push(bad(`exclusiveSets.${i}`, set, `An exclusive set needs at least two different labels: ${quoted(set)}.`));
  });
  return out;
}

/** Whether the Deployment affinity groupManifests writes (zone In [zone], each flag In ["true"])
 * selects this node. Taints are not labels and are not looked at here. With a policy, nodes that
 * break it do not match either: capacity counted on a mislabelled node is capacity ops will move. */
export function nodeMatches(policy: LabelPolicy | undefined, nodeLabels: Record<string, string>, want: PlacementRequest): boolean {
  if (nodeLabels[ZONE_LABEL] !== want.zone) return false;
  if (!want.resourceLabels.every((l) => nodeLabels[l] === FLAG_ON)) return false;
  return !policy || checkNodeLabels(policy, nodeLabels).length === 0;
}
