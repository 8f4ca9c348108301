// Admission policies (ResourceQuota, LimitRange) with quota status, plus PDB status and PDB-aware
// eviction (the /eviction subresource).
import type { Cluster } from "../cluster.js";
import { type AdmissionCtx } from "../k8s/store.js";
import { ApiError, forbidden } from "../k8s/errors.js";
import { parseQuantity, formatQuantity } from "../k8s/quantity.js";
import { fromLabelSelector, matches } from "../k8s/selectors.js";
import { isTerminal, isReady, podRequests, podLimits, nowIso } from "./util.js";
import { isObj, type Pod, type PodDisruptionBudget } from "../k8s/objects.js";

const COUNTED: Record<string, string> = { services: "services", configmaps: "configmaps", secrets: "secrets", resourcequotas: "resourcequotas" };

/** usage of one pod in quota resource names */
function podUsage(p: Pod): Record<string, number> {
  const u: Record<string, number> = { pods: 1, "count/pods": 1 };
  for (const [k, v] of Object.entries(podRequests(p))) {
    u[`requests.${k}`] = v;
    if (k === "cpu" || k === "memory") u[k] = v;
  }
  for (const [k, v] of Object.entries(podLimits(p))) u[`limits.${k}`] = v;
  return u;
}

function usage(c: Cluster, ns: string, exclude?: string): Record<string, number> {
  const u: Record<string, number> = {};
  const pods: Pod[] = c.store.objects("pods", ns);
  for (const p of pods) {
    if (isTerminal(p) || p.metadata.name === exclude) continue;
    for (const [k, v] of Object.entries(podUsage(p))) u[k] = (u[k] ?? 0) + v;
  }
  for (const [key, t] of c.store.tables) {
    if (key === "pods" || !t.def.namespaced) continue;
    const n = t.ns(ns)?.size ?? 0;
    u[`count/${t.def.group ? `${t.def.plural}.${t.def.group}` : t.def.plural}`] = n;
    if (COUNTED[key]) u[COUNTED[key]] = n;
  }
  return u;
}

export function installPolicy(c: Cluster) {
  const s = c.store;
  // LimitRange defaults must run before generic defaulting (which copies limits into requests)
  s.mutators.unshift((ctx) => limitRangeDefaults(c, ctx));
  s.validators.push((ctx) => quotaAdmission(c, ctx));
  const kickQuota = (ns: string) => c.loop.coalesce(`quota:${ns}`, () => syncQuota(c, ns));
  const kickPdb = (ns: string) => c.loop.coalesce(`pdb:${ns}`, () => syncPdbs(c, ns));
  s.listeners.push((ev) => {
    const ns = ev.obj.metadata.namespace;
    if (!ns) return;
    if (
      s.table("resourcequotas").ns(ns)?.size &&
      ev.key !== "events" &&
      !(ev.key === "resourcequotas" && ev.type === "MODIFIED" && JSON.stringify(ev.old?.spec) === JSON.stringify(ev.obj.spec))
    )
      kickQuota(ns);
    if ((ev.key === "pods" || ev.key === "policy/poddisruptionbudgets") && s.table("policy/poddisruptionbudgets").ns(ns)?.size) {
      if (!(ev.key === "policy/poddisruptionbudgets" && ev.type === "MODIFIED" && ev.old?.metadata.generation === ev.obj.metadata.generation)) kickPdb(ns);
    }
  });
  c.handlers.evict = (pod, body, dryRun) => evict(c, pod, body, dryRun);
}

function limitRangeDefaults(c: Cluster, ctx: AdmissionCtx) {
  if (ctx.def.kind !== "Pod" || ctx.op !== "create") return;
  const ns = ctx.obj.metadata.namespace;
  for (const lr of c.store.objects("limitranges", ns))
    for (const l of lr.spec?.limits ?? []) {
      if (l.type !== "Container") continue;
      for (const ctr of ctx.obj.spec?.containers ?? []) {
        ctr.resources ??= {};
        for (const [r, v] of Object.entries(l.default ?? {})) if (!ctr.resources.limits?.[r]) ctr.resources.limits = { ...ctr.resources.limits, [r]: v };
        for (const [r, v] of Object.entries(l.defaultRequest ?? {}))
          if (!ctr.resources.requests?.[r]) ctr.resources.requests = { ...ctr.resources.requests, [r]: v };
        for (const [r, v] of Object.entries(l.max ?? {})) {
          const lim = ctr.resources.limits?.[r];
          if (lim && parseQuantity(lim) > parseQuantity(v as string))
            throw forbidden("", "pods", ctx.obj.metadata.name, `maximum ${r} usage per Container is ${v}, but limit is ${lim}`);
        }
      }
    }
}

function quotaAdmission(c: Cluster, ctx: AdmissionCtx) {
  if (ctx.op !== "create") return;
  const ns = ctx.obj.metadata?.namespace;
  if (!ns) return;
  const quotas = c.store.objects("resourcequotas", ns);
  if (!quotas.length) return;
  const d = ctx.def;
  let req: Record<string, number>;
  if (d.kind === "Pod") req = podUsage(ctx.obj);
  else {
    const k = `count/${d.group ? `${d.plural}.${d.group}` : d.plural}`;
    req = { [k]: 1 };
    if (COUNTED[d.plural] && !d.group) req[COUNTED[d.plural]] = 1;
  }
  let used: Record<string, number> | undefined;
  for (const q of quotas) {
    const hard = q.spec?.hard ?? {};
    if (d.kind === "Pod") {
      // quota on compute resources requires every container to declare them
      const missing: string[] = [];
      for (const r of Object.keys(hard)) {
        const m = r.match(/^(requests|limits)\.(cpu|memory)$/) ?? (r === "cpu" || r === "memory" ? ["", "requests", r] : null);
        if (!m) continue;
        const pod: Pod = ctx.obj;
        const bad = (pod.spec?.containers ?? []).filter((x) => !x.resources?.[m[1] as "requests" | "limits"]?.[m[2]!]).map((x) => x.name);
        if (bad.length) missing.push(`${r} for: ${bad.join(",")}`);
      }
      if (missing.length) throw forbidden(d.group, d.plural, ctx.obj.metadata.name, `failed quota: ${q.metadata.name}: must specify ${missing.join("; ")}`);
    }
    const over = Object.keys(hard).filter((r) => req[r] !== undefined);
    if (!over.length) continue;
    used ??= usage(c, ns, d.kind === "Pod" ? ctx.obj.metadata.name : undefined);
    const exceeded = over.filter((r) => (used![r] ?? 0) + req[r] > parseQuantity(hard[r]));
    if (exceeded.length) {
      const f = (vals: (r: string) => number) => exceeded.map((r) => `${r}=${formatQuantity(r, vals(r))}`).join(",");
      throw forbidden(
        d.group,
        d.plural,
        ctx.obj.metadata.name,
        `exceeded quota: ${q.metadata.name}, requested: ${f((r) => req[r])}, used: ${f((r) => used![r] ?? 0)}, limited: ${f((r) => parseQuantity(hard[r]))}`,
      );
    }
  }
}

function syncQuota(c: Cluster, ns: string) {
  const u = usage(c, ns);
  for (const q of c.store.objects("resourcequotas", ns)) {
    const hard = q.spec?.hard ?? {};
    const used: Record<string, string> = {};
    for (const r of Object.keys(hard)) used[r] = formatQuantity(r, u[r] ?? 0);
    c.store.mutate(
      "resourcequotas",
      ns,
      q.metadata.name,
      (x) => {
        if (JSON.stringify(x.status) === JSON.stringify({ hard, used })) return false;
        x.status = { hard, used };
      },
      { subresource: "status" },
    );
  }
}

// ---- PodDisruptionBudgets ----
function budget(c: Cluster, pdb: PodDisruptionBudget) {
  const sel = fromLabelSelector(pdb.spec?.selector);
  const all: Pod[] = c.store.objects("pods", pdb.metadata.namespace, sel);
  const pods = all.filter((p) => !isTerminal(p));
  const expected = pods.length;
  const healthy = pods.filter((p) => isReady(p) && !p.metadata.deletionTimestamp).length;
  const pct = (v: number | string) => (typeof v === "string" && v.endsWith("%") ? Math.ceil((parseInt(v) * expected) / 100) : Number(v));
  const desired =
    pdb.spec?.minAvailable !== undefined
      ? pct(pdb.spec.minAvailable)
      : pdb.spec?.maxUnavailable !== undefined
        ? Math.max(0, expected - pct(pdb.spec.maxUnavailable))
        : 0;
  return { expected, healthy, desired, allowed: Math.max(0, healthy - desired), sel };
}

function syncPdbs(c: Cluster, ns: string) {
  const pdbs: PodDisruptionBudget[] = c.store.objects("policy/poddisruptionbudgets", ns);
  for (const pdb of pdbs) {
    const b = budget(c, pdb);
    const status = {
      observedGeneration: pdb.metadata.generation,
      currentHealthy: b.healthy,
      desiredHealthy: b.desired,
      disruptionsAllowed: b.allowed,
      expectedPods: b.expected,
      conditions: [
        {
          type: "DisruptionAllowed",
          status: b.allowed > 0 ? "True" : "False",
          reason: b.allowed > 0 ? "SufficientPods" : "InsufficientPods",
          message: "",
          observedGeneration: pdb.metadata.generation,
          lastTransitionTime: nowIso(),
        },
      ],
    };
    c.store.mutate(
      "policy/poddisruptionbudgets",
      ns,
      pdb.metadata.name,
      (x: PodDisruptionBudget) => {
        const strip = (st: PodDisruptionBudget["status"]) =>
          JSON.stringify({ ...st, conditions: st?.conditions?.map((q) => ({ ...q, lastTransitionTime: 0 })) });
        if (strip(x.status) === strip(status)) return false;
        x.status = status;
      },
      { subresource: "status" },
    );
  }
}

/** The /eviction subresource: `body` is the decoded policy/v1 Eviction, only its deleteOptions are read. */
function evict(c: Cluster, pod: Pod, body: unknown, dryRun: boolean) {
  const ns = pod.metadata.namespace!;
  if (!pod.metadata.deletionTimestamp && !isTerminal(pod)) {
    const all: PodDisruptionBudget[] = c.store.objects("policy/poddisruptionbudgets", ns);
    const pdbs = all.filter((p) => matches(fromLabelSelector(p.spec?.selector), pod.metadata.labels));
    if (pdbs.length > 1)
      throw new ApiError(500, "InternalError", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
    if (pdbs.length === 1 && isReady(pod)) {
      const b = budget(c, pdbs[0]!);
      if (b.allowed <= 0)
        throw new ApiError(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.", {
          causes: [
            {
              reason: "DisruptionBudget",
              message: `The disruption budget ${pdbs[0]!.metadata.name} needs ${b.desired} healthy pods and has ${b.healthy} currently`,
            },
          ],
          retryAfterSeconds: 1,
        });
    }
  }
  // passed on as sent, like before (the store reads it as seconds)
  const grace = isObj(body) && isObj(body.deleteOptions) ? (body.deleteOptions.gracePeriodSeconds as number | undefined) : undefined;
  c.store.delete("pods", ns, pod.metadata.name, { dryRun, gracePeriodSeconds: grace });
}
