// Replacing the label policy: what a new policy takes away, and who still depends on it. Removing a
// zone or flag that nodes carry or groups ask for would make every later labelling or revision of them
// fail the policy, so the change is refused until they have moved.
import { ZONE_LABEL } from "./manifests";
import type { LabelPolicy } from "./label-policy";
import type { FieldErrors } from "./errors";

export interface PolicyRemovals {
  zones: string[];
  resourceLabels: string[];
}

/** The zone values and resource flags `current` defines and `next` does not. */
export function policyRemovals(current: LabelPolicy, next: LabelPolicy): PolicyRemovals {
  return {
    zones: current.zones.filter((z) => !next.zones.includes(z)),
    resourceLabels: current.resourceLabels.filter((l) => !next.resourceLabels.includes(l)),
  };
}

/** Nodes by their operator-set labels and groups by their placement, each with a name to show. */
export interface LabelUsers {
  nodes: { name: string; labels: Record<string, string> }[];
  groups: { name: string; zone: string; resourceLabels: string[] }[];
}

/** How many users a message names before it says "and N more". */
const NAMED = 5;

function listed(kind: string, names: string[]): string | undefined {
  if (!names.length) return undefined;
  const more = names.length > NAMED ? ` and ${names.length - NAMED} more` : "";
  return `${kind} ${names.slice(0, NAMED).join(", ")}${more}`;
}

function usedBy(what: string, nodes: string[], groups: string[]): string | undefined {
  const parts = [listed(nodes.length > 1 ? "nodes" : "node", nodes), listed(groups.length > 1 ? "groups" : "group", groups)].filter(Boolean);
  return parts.length ? `${what} is still used by ${parts.join(" and ")}.` : undefined;
}

/** One field error per policy field whose removed values are still in use, naming the nodes and groups. */
export function removalConflicts(removed: PolicyRemovals, users: LabelUsers): FieldErrors {
  const messages = (field: keyof PolicyRemovals) =>
    removed[field]
      .map((value) =>
        field === "zones"
          ? usedBy(
              `Zone "${value}"`,
              users.nodes.filter((n) => n.labels[ZONE_LABEL] === value).map((n) => n.name),
              users.groups.filter((g) => g.zone === value).map((g) => g.name),
            )
          : usedBy(
              `${value}`,
              users.nodes.filter((n) => n.labels[value] !== undefined).map((n) => n.name),
              users.groups.filter((g) => g.resourceLabels.includes(value)).map((g) => g.name),
            ),
      )
      .filter((m): m is string => m !== undefined);
  const fields: FieldErrors = {};
  for (const field of ["zones", "resourceLabels"] as const) {
    const m = messages(field);
    if (m.length) fields[field] = m.join(" ");
  }
  return fields;
}
