// Which parts of a live Kubernetes object are Capstan's: the fields its apply sets. Drift is a difference
// there; everything else (status, metadata the API server fills in, fields defaulted by the API server
// or set by other field managers) is left out, as server-side apply leaves it to its other owners.

/**
 * The live object cut down to the shape of the applied manifest: for each field the manifest sets, the
 * live value (absent when the live object lacks it). Objects keep only the manifest's keys. Lists whose
 * items all have a `name` (containers, env, ports, volumes …) are matched by name, as server-side apply
 * merges them (their `x-kubernetes-list-map-keys`, here `name`, which Capstan's manifests always set);
 * items other managers added are left out. Other lists are atomic: compared whole, item by item, so an
 * item added or removed is drift. Returns `undefined` when `live` is.
 */
export function ownedFields(applied: unknown, live: unknown): unknown {
  if (live === undefined || live === null) return live ?? undefined;
  if (Array.isArray(applied)) {
    if (!Array.isArray(live)) return live;
    if (applied.length > 0 && applied.every(hasName)) {
      const byName = new Map(live.filter(hasName).map((item) => [item.name, item] as const));
      return applied.filter((a) => byName.has(a.name)).map((a) => ownedFields(a, byName.get(a.name)));
    }
    return live.map((item, i) => (i < applied.length ? ownedFields(applied[i], item) : item));
  }
  if (isObject(applied)) {
    if (!isObject(live)) return live;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(applied)) {
      const value = ownedFields(applied[key], live[key]);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
  return live;
}

/** Fields of a live object no person wrote: left out of the "live" view beside the manifest (status stays, as kubectl shows it). */
export function withoutServerBookkeeping<T extends { metadata?: Record<string, unknown> }>(live: T): T {
  const { managedFields: _managed, ...metadata } = live.metadata ?? {};
  return { ...live, metadata };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const hasName = (v: unknown): v is { name: string } & Record<string, unknown> => isObject(v) && typeof v.name === "string";
