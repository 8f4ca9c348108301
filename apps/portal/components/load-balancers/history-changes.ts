// What one change of a balancer changed, from its audit event's `before` and `after` (the API's
// `…/history`): the settings a change set ("Balancing algorithm: roundrobin → leastconn"; a health check's or
// timeouts' own keys one by one) and the members it replaced ("Weight of canary: 1 → 3", a group added or
// removed), in the reader's language: fields by their labels (field-labels.ts), values as stored.
import type { Translate } from "@/messages";
import { fieldLabel } from "@/messages/field-labels";

/** The audit actions whose `before`/`after` hold the values a change set (update-load-balancer.ts, set-load-balancer-members.ts). */
const WITH_VALUES = new Set(["load-balancer.update", "load-balancer.members"]);

type Member = { group: string; weight: number };
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isMembers = (x: unknown): x is Member[] => Array.isArray(x) && x.every((m) => isRecord(m) && typeof m.group === "string");

/** A stored value as the history shows it: none, on/off, a list joined, else as it is. */
function valueText(t: Translate, v: unknown): string {
  if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return t("loadBalancers.historyNoValue");
  if (typeof v === "boolean") return v ? t("loadBalancers.historyOn") : t("loadBalancers.historyOff");
  if (Array.isArray(v)) return v.map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join(", ");
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** The members' changes: weights changed, groups added (with their weight) and removed, by group name. */
function memberChanges(t: Translate, before: Member[], after: Member[]): string[] {
  const was = new Map(before.map((m) => [m.group, m.weight]));
  const now = new Map(after.map((m) => [m.group, m.weight]));
  const lines: string[] = [];
  for (const [group, weight] of now) {
    const old = was.get(group);
    if (old === undefined) lines.push(t("loadBalancers.historyMemberAdded", { group, weight }));
    else if (old !== weight) lines.push(t("loadBalancers.historyWeight", { group, from: old, to: weight }));
  }
  for (const group of was.keys()) if (!now.has(group)) lines.push(t("loadBalancers.historyMemberRemoved", { group }));
  return lines;
}

function changes(t: Translate, path: string, before: unknown, after: unknown): string[] {
  if (isMembers(before) && isMembers(after) && path === "members") return memberChanges(t, before, after);
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => changes(t, path ? `${path}.${k}` : k, before[k], after[k]));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [t("loadBalancers.historyChange", { field: fieldLabel(t, path), from: valueText(t, before), to: valueText(t, after) })];
}

/**
 * The lines saying what the audit event `e` of a balancer changed, one per value; none for an event
 * that records no values (created, deleted, taken out or put back, whose sentence says it all).
 */
export function historyChanges(t: Translate, e: { action: string; before: unknown; after: unknown }): string[] {
  if (!WITH_VALUES.has(e.action) || !isRecord(e.before) || !isRecord(e.after)) return [];
  return changes(t, "", e.before, e.after);
}
