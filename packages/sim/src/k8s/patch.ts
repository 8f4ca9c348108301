// PATCH flavours: JSON merge (RFC 7386), strategic merge (lists merged by key), JSON patch, and a
// small server-side apply that tracks each manager's applied config to prune and detect conflicts.
import jsonpatch from "fast-json-patch";
import { badRequest, ApiError } from "./errors.js";

const isObj = (v: any) => v !== null && typeof v === "object" && !Array.isArray(v);

export function mergePatch(target: any, patch: any): any {
  if (!isObj(patch)) return patch;
  const out = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

// Merge keys for lists that Kubernetes merges by key instead of replacing (subset of the Go tags).
const MERGE_KEYS: Record<string, string | ((item: any) => string)> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
  imagePullSecrets: "name",
  tolerations: "key",
  taints: "key",
  conditions: "type",
  ownerReferences: "uid",
  hostAliases: "ip",
  envFrom: "",
  ports: (i: any) => ("containerPort" in i ? "containerPort" : "port"),
  topologySpreadConstraints: "topologyKey",
  resourceClaims: "name",
};
const PRIMITIVE_MERGE = new Set(["finalizers"]);

function keyFor(field: string, item: any): string | undefined {
  const k = MERGE_KEYS[field];
  if (!k) return undefined;
  return typeof k === "function" ? k(item) : k;
}

export function strategicMerge(target: any, patch: any, field = ""): any {
  if (!isObj(patch)) {
    if (Array.isArray(patch) && Array.isArray(target)) return mergeList(field, target, patch);
    return patch;
  }
  if (patch.$patch === "replace") {
    const { $patch: _patch, ...rest } = patch;
    return stripDirectives(rest);
  }
  if (patch.$patch === "delete") return undefined;
  const out = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith("$setElementOrder/") || k === "$retainKeys" || k === "$patch") continue;
    if (k.startsWith("$deleteFromPrimitiveList/")) {
      const f = k.slice("$deleteFromPrimitiveList/".length);
      if (Array.isArray(out[f])) out[f] = out[f].filter((x: any) => !(v as any[]).includes(x));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    const merged = strategicMerge(out[k], v, k);
    if (merged === undefined) delete out[k];
    else out[k] = merged;
  }
  return out;
}

function stripDirectives(v: any): any {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isObj(v)) return v;
  const o: any = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith("$")) o[k] = stripDirectives(x);
  return o;
}

function mergeList(field: string, target: any[], patch: any[]): any[] {
  if (PRIMITIVE_MERGE.has(field)) return [...new Set([...target, ...patch])];
  const sample = patch.find(isObj) ?? target.find(isObj);
  const key = sample && keyFor(field, sample);
  if (!key) return stripDirectives(patch.filter((p) => !(isObj(p) && p.$patch)));
  if (patch.some((p) => isObj(p) && p.$patch === "replace")) return stripDirectives(patch.filter((p) => !p.$patch));
  const out = target.map((x) => x);
  for (const p of patch) {
    const idx = out.findIndex((x) => isObj(x) && x[key] === p[key]);
    if (isObj(p) && p.$patch === "delete") {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = strategicMerge(out[idx], p, field);
    else out.push(stripDirectives(p));
  }
  return out;
}

export function jsonPatch(target: any, ops: any): any {
  if (!Array.isArray(ops)) throw badRequest("json patch must be an array of operations");
  try {
    return jsonpatch.applyPatch(structuredClone(target), ops, true, false).newDocument;
  } catch (e: any) {
    if (e?.name === "TEST_OPERATION_FAILED")
      throw new ApiError(422, "Invalid", `the server rejected our request due to an error in our request: testing value failed`);
    throw new ApiError(422, "Invalid", `the server rejected our request due to an error in our request: ${e.message?.split("\n")[0]}`);
  }
}

// ---- server-side apply ----------------------------------------------------------------------
// Applied configs per object uid and manager. Fields a manager applied before but omits now are
// removed; fields another applier owns with a different value conflict unless force=true.
export type Applied = Map<string, any>; // manager -> last applied object

function leaves(o: any, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(o)) {
    o.forEach((x, i) => {
      const k = isObj(x) ? ["name", "containerPort", "port", "key", "type", "mountPath"].find((f) => f in x) : undefined;
      leaves(x, `${prefix}[${k ? `${k}=${x[k]}` : i}]`, out);
    });
  } else if (isObj(o)) {
    for (const [k, v] of Object.entries(o)) leaves(v, prefix ? `${prefix}.${k}` : `.${k}`, out);
  } else out.set(prefix, JSON.stringify(o));
  return out;
}

/** Remove from `target` what `prev` had but `next` lacks (by path, lists keyed like strategic merge). */
function prune(target: any, prev: any, next: any, field = ""): any {
  if (isObj(prev) && isObj(target)) {
    const out = { ...target };
    for (const k of Object.keys(prev)) {
      if (!isObj(next) || !(k in next)) delete out[k];
      else if (k in out) out[k] = prune(out[k], prev[k], next[k], k);
    }
    return out;
  }
  if (Array.isArray(prev) && Array.isArray(target) && Array.isArray(next)) {
    const sample = prev.find(isObj);
    const key = sample && keyFor(field, sample);
    if (!key) return target;
    const keep = new Set(next.map((x: any) => x?.[key]));
    return target
      .filter((x) => !(prev.some((p: any) => p?.[key] === x?.[key]) && !keep.has(x?.[key])))
      .map((x) => {
        const p = prev.find((q: any) => q?.[key] === x?.[key]);
        const n = next.find((q: any) => q?.[key] === x?.[key]);
        return p && n ? prune(x, p, n, field) : x;
      });
  }
  return target;
}

export function serverSideApply(current: any | undefined, config: any, manager: string, force: boolean, applied: Applied): any {
  const cfg = structuredClone(config);
  const mine = leaves(stripMeta(cfg));
  if (current && !force) {
    const conflicts: string[] = [];
    for (const [other, prevCfg] of applied) {
      if (other === manager) continue;
      const theirs = leaves(stripMeta(prevCfg));
      for (const [p, v] of mine) if (theirs.has(p) && theirs.get(p) !== v) conflicts.push(`conflict with "${other}": ${p}`);
    }
    if (conflicts.length)
      throw new ApiError(409, "Conflict", `Apply failed with ${conflicts.length} conflict${conflicts.length > 1 ? "s" : ""}: ${conflicts.join("\n")}`, {
        causes: conflicts.map((c) => ({ reason: "FieldManagerConflict", message: c })),
      });
  }
  let base = current ? structuredClone(current) : {};
  const prev = applied.get(manager);
  if (prev) base = prune(base, stripMeta(prev), stripMeta(cfg));
  if (force)
    for (const other of [...applied.keys()])
      if (other !== manager) {
        // forcing takes ownership: drop the conflicting fields from the other manager's record
        applied.set(other, pruneOwned(applied.get(other), mine));
      }
  const merged = strategicMerge(base, cfg);
  applied.set(manager, cfg);
  return merged;
}
function stripMeta(o: any) {
  if (!isObj(o)) return o;
  const { apiVersion: _apiVersion, kind: _kind, status: _status, metadata, ...rest } = o;
  return { ...rest, metadata: { labels: metadata?.labels, annotations: metadata?.annotations } };
}
function pruneOwned(cfg: any, paths: Map<string, string>) {
  const out = structuredClone(cfg);
  for (const p of paths.keys()) {
    const m = p.match(/^\.([^.[]+)(.*)$/);
    if (!m) continue;
    const parts = p.split(".").filter(Boolean);
    if (parts.some((x) => x.includes("["))) continue;
    let o = out;
    for (let i = 0; i < parts.length - 1 && o; i++) o = o[parts[i]];
    if (isObj(o)) delete o[parts[parts.length - 1]];
  }
  return out;
}

/** managedFields fieldsV1 rendering of an applied config ("f:spec": {"f:replicas": {}}). */
export function fieldsV1(o: any): any {
  if (Array.isArray(o)) {
    const out: any = {};
    for (const x of o) {
      if (isObj(x)) {
        const k = ["name", "containerPort", "port", "key", "type"].find((f) => f in x);
        out[k ? `k:{"${k}":${JSON.stringify(x[k])}}` : `v:${JSON.stringify(x)}`] = { ".": {}, ...fieldsV1(x) };
      } else out[`v:${JSON.stringify(x)}`] = {};
    }
    return out;
  }
  if (!isObj(o)) return {};
  const out: any = {};
  for (const [k, v] of Object.entries(o) as [string, any][]) {
    if (["apiVersion", "kind"].includes(k)) continue;
    if (k === "metadata") {
      const md: any = {};
      if (v.labels) md["f:labels"] = fieldsV1(v.labels);
      if (v.annotations) md["f:annotations"] = fieldsV1(v.annotations);
      if (Object.keys(md).length) out["f:metadata"] = md;
      continue;
    }
    out[`f:${k}`] = fieldsV1(v);
  }
  return out;
}
