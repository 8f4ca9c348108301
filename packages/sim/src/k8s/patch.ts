// PATCH flavours: JSON merge (RFC 7386), strategic merge (lists merged by key), JSON patch, and a
// small server-side apply that tracks each manager's applied config to prune and detect conflicts.
import jsonpatch, { type Operation } from "fast-json-patch";
import { badRequest, ApiError } from "./errors.js";
import { isObj, type JsonObject, type KubeObject } from "./objects.js";

/** JSON merge patch (RFC 7386) of `patch` onto `target`; returns the merged value (inputs untouched). */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return patch;
  const out: JsonObject = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

// Merge keys for lists that Kubernetes merges by key instead of replacing (subset of the Go tags).
const MERGE_KEYS: Record<string, string | ((item: JsonObject) => string)> = {
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
  ports: (i) => ("containerPort" in i ? "containerPort" : "port"),
  topologySpreadConstraints: "topologyKey",
  resourceClaims: "name",
};
const PRIMITIVE_MERGE = new Set(["finalizers"]);

function keyFor(field: string, item: JsonObject): string | undefined {
  const k = MERGE_KEYS[field];
  if (!k) return undefined;
  return typeof k === "function" ? k(item) : k;
}

/** Strategic merge patch (lists merged by their Go merge keys, `$patch` directives); `field` names the list being merged. */
export function strategicMerge(target: unknown, patch: unknown, field = ""): unknown {
  if (!isObj(patch)) {
    if (Array.isArray(patch) && Array.isArray(target)) return mergeList(field, target, patch);
    return patch;
  }
  if (patch.$patch === "replace") {
    const { $patch: _patch, ...rest } = patch;
    return stripDirectives(rest);
  }
  if (patch.$patch === "delete") return undefined;
  const out: JsonObject = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith("$setElementOrder/") || k === "$retainKeys" || k === "$patch") continue;
    if (k.startsWith("$deleteFromPrimitiveList/")) {
      const f = k.slice("$deleteFromPrimitiveList/".length);
      const list = out[f];
      if (Array.isArray(list) && Array.isArray(v)) out[f] = list.filter((x) => !v.includes(x));
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

function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isObj(v)) return v;
  const o: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith("$")) o[k] = stripDirectives(x);
  return o;
}

function mergeList(field: string, target: unknown[], patch: unknown[]): unknown {
  if (PRIMITIVE_MERGE.has(field)) return [...new Set([...target, ...patch])];
  const sample = patch.find(isObj) ?? target.find(isObj);
  const key = sample && keyFor(field, sample);
  if (!key) return stripDirectives(patch.filter((p) => !(isObj(p) && p.$patch)));
  if (patch.some((p) => isObj(p) && p.$patch === "replace")) return stripDirectives(patch.filter((p) => !(isObj(p) && p.$patch)));
  const out = target.map((x) => x);
  for (const p of patch) {
    const pk = isObj(p) ? p[key] : undefined;
    const idx = out.findIndex((x) => isObj(x) && x[key] === pk);
    if (isObj(p) && p.$patch === "delete") {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = strategicMerge(out[idx], p, field);
    else out.push(stripDirectives(p));
  }
  return out;
}

/** JSON patch (RFC 6902) of `ops` onto a copy of `target`; 400 when `ops` is no array, 422 when an operation fails. */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw badRequest("json patch must be an array of operations");
  try {
    return jsonpatch.applyPatch(structuredClone(target), ops as Operation[], true, false).newDocument;
  } catch (e) {
    if (e instanceof Error && e.name === "TEST_OPERATION_FAILED")
      throw new ApiError(422, "Invalid", `the server rejected our request due to an error in our request: testing value failed`);
    throw new ApiError(
      422,
      "Invalid",
      `the server rejected our request due to an error in our request: ${e instanceof Error ? e.message.split("\n")[0] : undefined}`,
    );
  }
}

// ---- server-side apply ----------------------------------------------------------------------
// Applied configs per object uid and manager. Fields a manager applied before but omits now are
// removed; fields another applier owns with a different value conflict unless force=true.
export type Applied = Map<string, JsonObject>; // manager -> last applied object

function leaves(o: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
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
function prune(target: unknown, prev: unknown, next: unknown, field = ""): unknown {
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
    const keyOf = (x: unknown) => (isObj(x) ? x[key] : undefined);
    const keep = new Set(next.map(keyOf));
    return target
      .filter((x) => !(prev.some((p) => keyOf(p) === keyOf(x)) && !keep.has(keyOf(x))))
      .map((x) => {
        const p = prev.find((q) => keyOf(q) === keyOf(x));
        const n = next.find((q) => keyOf(q) === keyOf(x));
        return p && n ? prune(x, p, n, field) : x;
      });
  }
  return target;
}

/**
 * Server-side apply of `config` by `manager` onto `current` (undefined: the object is new). 409 with
 * FieldManagerConflict causes when another manager applied a different value, unless `force`.
 * Records `config` in `applied` (manager -> last applied config) and returns the merged object.
 */
export function serverSideApply(current: KubeObject | undefined, config: JsonObject, manager: string, force: boolean, applied: Applied): KubeObject {
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
  let base: unknown = current ? structuredClone(current) : {};
  const prev = applied.get(manager);
  if (prev) base = prune(base, stripMeta(prev), stripMeta(cfg));
  if (force)
    for (const other of [...applied.keys()])
      if (other !== manager) {
        // forcing takes ownership: drop the conflicting fields from the other manager's record
        applied.set(other, pruneOwned(applied.get(other) ?? {}, mine));
      }
  // the merge of two objects is an object; the API server names it and validates it against its schema
  const merged = strategicMerge(base, cfg) as KubeObject;
  applied.set(manager, cfg);
  return merged;
}
function stripMeta(o: JsonObject) {
  const { apiVersion: _apiVersion, kind: _kind, status: _status, metadata, ...rest } = o;
  const md = isObj(metadata) ? metadata : undefined;
  return { ...rest, metadata: { labels: md?.labels, annotations: md?.annotations } };
}
function pruneOwned(cfg: JsonObject, paths: Map<string, string>) {
  const out = structuredClone(cfg);
  for (const p of paths.keys()) {
    const m = p.match(/^\.([^.[]+)(.*)$/);
    if (!m) continue;
    const parts = p.split(".").filter(Boolean);
    if (parts.some((x) => x.includes("["))) continue;
    let o: unknown = out;
    for (let i = 0; i < parts.length - 1 && isObj(o); i++) o = o[parts[i]!];
    if (isObj(o)) delete o[parts[parts.length - 1]!];
  }
  return out;
}

/** managedFields fieldsV1 rendering of an applied config ("f:spec": {"f:replicas": {}}). */
export function fieldsV1(o: unknown): JsonObject {
  if (Array.isArray(o)) {
    const out: JsonObject = {};
    for (const x of o) {
      if (isObj(x)) {
        const k = ["name", "containerPort", "port", "key", "type"].find((f) => f in x);
        out[k ? `k:{"${k}":${JSON.stringify(x[k])}}` : `v:${JSON.stringify(x)}`] = { ".": {}, ...fieldsV1(x) };
      } else out[`v:${JSON.stringify(x)}`] = {};
    }
    return out;
  }
  if (!isObj(o)) return {};
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(o)) {
    if (["apiVersion", "kind"].includes(k)) continue;
    if (k === "metadata") {
      if (!isObj(v)) continue;
      const md: JsonObject = {};
      if (v.labels) md["f:labels"] = fieldsV1(v.labels);
      if (v.annotations) md["f:annotations"] = fieldsV1(v.annotations);
      if (Object.keys(md).length) out["f:metadata"] = md;
      continue;
    }
    out[`f:${k}`] = fieldsV1(v);
  }
  return out;
}
