// Label and field selector parsing/matching (the string forms used in list/watch query params).
import { badRequest } from "./errors.js";
import type { LabelSelector } from "./objects.js";

export type Req = { key: string; op: "in" | "notin" | "exists" | "!" | "=" | "!="; values: string[] };
export type Selector = Req[];

export function parseLabelSelector(s: string | undefined | null): Selector {
  if (!s) return [];
  const reqs: Req[] = [];
  // Split on commas that are not inside parentheses.
  const parts: string[] = [];
  let depth = 0,
    cur = "";
  for (const ch of s) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur) parts.push(cur);
  for (let p of parts) {
    p = p.trim();
    if (!p) continue;
    let m: RegExpMatchArray | null;
    if ((m = p.match(/^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/))) {
      reqs.push({
        key: m[1],
        op: m[2] as "in" | "notin",
        values: m[3]
          .split(",")
          .map((v) => v.trim())
          .filter(Boolean),
      });
    } else if ((m = p.match(/^!\s*(\S+)$/))) reqs.push({ key: m[1], op: "!", values: [] });
    else if ((m = p.match(/^([^!=\s]+)\s*!=\s*(\S*)$/))) reqs.push({ key: m[1], op: "!=", values: [m[2]] });
    else if ((m = p.match(/^([^!=\s]+)\s*==?\s*(\S*)$/))) reqs.push({ key: m[1], op: "=", values: [m[2]] });
    else if ((m = p.match(/^([A-Za-z0-9_./-]+)$/))) reqs.push({ key: m[1], op: "exists", values: [] });
    else throw badRequest(`unable to parse requirement: ${p}`);
  }
  return reqs;
}

export function matches(sel: Selector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const r of sel) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case "=":
        if (!has || v !== r.values[0]) return false;
        break;
      case "!=":
        if (has && v === r.values[0]) return false;
        break;
      case "in":
        if (!has || !r.values.includes(v)) return false;
        break;
      case "notin":
        if (has && r.values.includes(v)) return false;
        break;
      case "exists":
        if (!has) return false;
        break;
      case "!":
        if (has) return false;
        break;
    }
  }
  return true;
}

/** metav1.LabelSelector (matchLabels + matchExpressions) -> Selector. */
export function fromLabelSelector(ls: LabelSelector | undefined): Selector {
  const out: Req[] = [];
  for (const [k, v] of Object.entries(ls?.matchLabels ?? {})) out.push({ key: k, op: "=", values: [String(v)] });
  for (const e of ls?.matchExpressions ?? []) {
    const op = ({ In: "in", NotIn: "notin", Exists: "exists", DoesNotExist: "!" } as const)[e.operator as "In"];
    out.push({ key: e.key, op, values: e.values ?? [] });
  }
  return out;
}

export type FieldReq = { path: string; neg: boolean; value: string };
export function parseFieldSelector(s: string | undefined | null): FieldReq[] {
  if (!s) return [];
  return s
    .split(",")
    .filter(Boolean)
    .map((p) => {
      const m = p.match(/^([^!=]+?)\s*(!=|==|=)\s*(.*)$/);
      if (!m) throw badRequest(`invalid field selector: ${p}`);
      return { path: m[1].trim(), neg: m[2] === "!=", value: m[3].trim() };
    });
}

// a field path, read like JavaScript property access (so array indexes work too)
const get = (o: unknown, path: string) => path.split(".").reduce<unknown>((a, k) => (a == null ? undefined : (a as Record<string, unknown>)[k]), o);
/** Whether `obj` satisfies every field selector requirement (an unset field compares as ""). */
export function fieldMatches(reqs: FieldReq[], obj: object): boolean {
  for (const r of reqs) {
    const v = get(obj, r.path);
    const sv = v == null ? "" : String(v);
    if (r.neg ? sv === r.value : sv !== r.value) return false;
  }
  return true;
}
