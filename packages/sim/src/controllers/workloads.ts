// ReplicaSet, Deployment (rolling update / recreate, revisions) and Job controllers.
import { createHash } from "node:crypto";
import type { Cluster } from "../cluster.js";
import { clone } from "../k8s/store.js";
import { same } from "../k8s/canonical.js";
import { generateName } from "../k8s/names.js";
import type { Deployment, Job, Pod, PodTemplateSpec, ReplicaSet } from "../k8s/objects.js";
import { type OwnerIndex, isActive, isReady, ownerRef, recordEvent, suffix, nowIso, isTerminal } from "./util.js";

const REV = "deployment.kubernetes.io/revision";
type DeploymentStatus = NonNullable<Deployment["status"]>;
/** The message of a thrown error (the store throws ApiErrors). */
const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function installWorkloads(c: Cluster, owners: OwnerIndex) {
  const s = c.store;
  ownersOf.set(c, owners);
  deadlineTimers.set(c, new Map());
  const kick = (key: string, ns: string, name: string) => {
    if (key === "apps/replicasets") c.loop.coalesce(`rs:${ns}/${name}`, () => syncRs(c, owners, ns, name));
    else if (key === "apps/deployments") c.loop.coalesce(`dep:${ns}/${name}`, () => syncDeployment(c, owners, ns, name));
    else if (key === "batch/jobs") c.loop.coalesce(`job:${ns}/${name}`, () => syncJob(c, owners, ns, name));
  };
  s.listeners.push((ev) => {
    // only pods' status and readiness are read, below, once ev.key says these are pods
    const o: Pod = ev.obj;
    const old: Pod | undefined = ev.old;
    if (ev.key === "apps/replicasets" || ev.key === "apps/deployments" || ev.key === "batch/jobs") {
      if (ev.type !== "DELETED") kick(ev.key, o.metadata.namespace!, o.metadata.name);
    }
    // dependents changing wake their controller owner (only changes an owner can observe)
    if (
      ev.key === "pods" &&
      ev.type === "MODIFIED" &&
      old &&
      old.status?.phase === o.status?.phase &&
      isReady(old) === isReady(o) &&
      !!old.metadata.deletionTimestamp === !!o.metadata.deletionTimestamp &&
      old.metadata.labels === o.metadata.labels
    )
      return;
    const owner = (o.metadata.ownerReferences ?? []).find((r) => r.controller);
    if (owner && (ev.key === "pods" || ev.key === "apps/replicasets")) {
      const key =
        owner.kind === "ReplicaSet" ? "apps/replicasets" : owner.kind === "Deployment" ? "apps/deployments" : owner.kind === "Job" ? "batch/jobs" : "";
      if (key) kick(key, o.metadata.namespace!, owner.name);
    }
    // a pod gone for good may be the last old one a Recreate waits for (deployment controller's deletePod)
    if (owner?.kind === "ReplicaSet" && ev.key === "pods" && ev.type === "DELETED") {
      const rs: ReplicaSet | undefined = s.get("apps/replicasets", o.metadata.namespace!, owner.name);
      const d = (rs?.metadata.ownerReferences ?? []).find((r) => r.controller && r.kind === "Deployment");
      if (d) kick("apps/deployments", o.metadata.namespace!, d.name);
    }
  });
}

// ---- ReplicaSet ---------------------------------------------------------------------------------
function syncRs(c: Cluster, owners: OwnerIndex, ns: string, name: string) {
  const s = c.store;
  const rs: ReplicaSet | undefined = s.get("apps/replicasets", ns, name);
  if (!rs || rs.metadata.deletionTimestamp) return;
  const pods = owners.objects(c, rs.metadata.uid!, "pods");
  const active = pods.filter(isActive);
  const want = rs.spec.replicas ?? 1;
  let manageErr: { reason: string; message: string } | undefined;
  if (active.length < want) {
    for (let i = active.length; i < want; i++) {
      const t: PodTemplateSpec = clone(rs.spec.template!);
      const pod = { metadata: { ...t.metadata, name: generateName(`${name}-`, suffix()), namespace: ns, ownerReferences: [ownerRef(rs)] }, spec: t.spec };
      delete pod.metadata.creationTimestamp;
      try {
        const p: Pod = s.create("pods", pod);
        recordEvent(c, rs, "Normal", "SuccessfulCreate", `Created pod: ${p.metadata.name}`, "replicaset-controller");
      } catch (e) {
        const message = errorMessage(e);
        recordEvent(c, rs, "Warning", "FailedCreate", `Error creating: ${message}`, "replicaset-controller");
        manageErr = { reason: "FailedCreate", message };
        c.loop.after(1000, () => c.loop.coalesce(`rs:${ns}/${name}`, () => syncRs(c, owners, ns, name)));
        break;
      }
    }
  } else if (active.length > want) {
    // delete the least useful pods first: unscheduled, pending, not ready, newest
    const rank = (p: Pod) => (p.spec.nodeName ? 4 : 0) + (p.status?.phase === "Running" ? 2 : 0) + (isReady(p) ? 1 : 0);
    const victims = [...active]
      .sort((a, b) => rank(a) - rank(b) || (b.metadata.creationTimestamp! > a.metadata.creationTimestamp! ? 1 : -1))
      .slice(0, active.length - want);
    for (const p of victims) {
      try {
        s.delete("pods", ns, p.metadata.name);
        recordEvent(c, rs, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`, "replicaset-controller");
      } catch {
        /* gone */
      }
    }
  }
  const now = owners.objects(c, rs.metadata.uid!, "pods").filter((p) => !isTerminal(p) && !p.metadata.deletionTimestamp);
  const ready = now.filter(isReady).length;
  // ReplicaFailure as replica_set_utils.go calculateStatus sets it: added (with the first error's
  // message) when pods cannot be created or deleted, kept while that goes on, removed once a sync succeeds.
  const failure = rs.status?.conditions?.find((x) => x.type === "ReplicaFailure");
  const conditions = manageErr ? [failure ?? { type: "ReplicaFailure", status: "True", lastTransitionTime: nowIso(), ...manageErr }] : [];
  const status: ReplicaSet["status"] = {
    replicas: now.length,
    fullyLabeledReplicas: now.length,
    readyReplicas: ready,
    availableReplicas: ready,
    observedGeneration: rs.metadata.generation,
    ...(conditions.length ? { conditions } : {}),
  };
  s.mutate(
    "apps/replicasets",
    ns,
    name,
    (r: ReplicaSet) => {
      if (JSON.stringify(r.status) === JSON.stringify(status)) return false;
      r.status = status;
    },
    { subresource: "status" },
  );
}

// ---- Deployment ---------------------------------------------------------------------------------
const deadlineTimers = new WeakMap<Cluster, Map<string, number>>(); // key -> due time
const ownersOf = new WeakMap<Cluster, OwnerIndex>();
const recheck = (c: Cluster, ns: string, name: string) => c.loop.coalesce(`dep:${ns}/${name}`, () => syncDeployment(c, ownersOf.get(c)!, ns, name));
function templateHash(t: PodTemplateSpec): string {
  const h = createHash("sha256").update(JSON.stringify(t)).digest();
  const a = "bcdfghjklmnpqrstvwxz2456789";
  let out = "";
  for (let i = 0; i < 10; i++) out += a[h[i]! % a.length];
  return out;
}
const stripHash = (t: PodTemplateSpec) => {
  const x = clone(t);
  if (x.metadata?.labels) delete x.metadata.labels["pod-template-hash"];
  delete x.metadata?.creationTimestamp;
  return x;
};
const sameTemplate = (a: PodTemplateSpec, b: PodTemplateSpec) => same(stripHash(a), stripHash(b));

/** An IntOrString (`3` or `"25%"` of `total`, rounded up or down) as a count; unset is 0. */
function resolve(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === "number") return v;
  const m = String(v).match(/^(\d+)%$/);
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

function syncDeployment(c: Cluster, owners: OwnerIndex, ns: string, name: string) {
  const s = c.store;
  const d: Deployment | undefined = s.get("apps/deployments", ns, name);
  if (!d || d.metadata.deletionTimestamp) return;
  const rss = owners.objects(c, d.metadata.uid!, "apps/replicasets").filter((r) => !r.metadata.deletionTimestamp);
  const rev = (r: ReplicaSet) => Number(r.metadata.annotations?.[REV] ?? 0);
  const maxRev = rss.reduce((m, r) => Math.max(m, rev(r)), 0);
  const replicas = d.spec.replicas ?? 1;
  let newRs = rss.find((r) => sameTemplate(r.spec.template!, d.spec.template));
  if (d.spec.paused) return updateDeploymentStatus(c, d, rss, newRs);
  const olds = () => rss.filter((r) => r !== newRs);
  if (!newRs) {
    const hash = templateHash(d.spec.template);
    const t = clone(d.spec.template);
    const labels = { ...t.metadata?.labels, "pod-template-hash": hash };
    t.metadata = { ...t.metadata, labels };
    const sel = clone(d.spec.selector);
    sel.matchLabels = { ...sel.matchLabels, "pod-template-hash": hash };
    const strategy = d.spec.strategy?.type ?? "RollingUpdate";
    const oldTotal = rss.reduce((a, r) => a + (r.spec.replicas ?? 0), 0);
    const surge = resolve(d.spec.strategy?.rollingUpdate?.maxSurge, replicas, true);
    const initial = strategy === "Recreate" ? 0 : Math.max(0, Math.min(replicas, replicas + surge - oldTotal));
    try {
      newRs = s.create("apps/replicasets", {
        metadata: {
          name: `${name}-${hash}`,
          namespace: ns,
          labels,
          annotations: {
            [REV]: String(maxRev + 1),
            "deployment.kubernetes.io/desired-replicas": String(replicas),
            "deployment.kubernetes.io/max-replicas": String(replicas + surge),
          },
          ownerReferences: [ownerRef(d)],
        },
        spec: { replicas: initial, minReadySeconds: d.spec.minReadySeconds, selector: sel, template: t },
      });
      recordEvent(c, d, "Normal", "ScalingReplicaSet", `Scaled up replica set ${newRs!.metadata.name} from 0 to ${initial}`, "deployment-controller");
      rss.push(newRs!);
    } catch (e) {
      recordEvent(c, d, "Warning", "FailedCreate", errorMessage(e), "deployment-controller");
      return;
    }
  } else if (rev(newRs) < maxRev) {
    // rolling back to an older template makes that ReplicaSet the newest revision again
    const nr = newRs;
    newRs = s.mutate("apps/replicasets", ns, nr.metadata.name, (r: ReplicaSet) => {
      r.metadata.annotations = { ...r.metadata.annotations, [REV]: String(maxRev + 1) };
    });
    rss.splice(rss.indexOf(nr), 1, newRs!);
  }
  const setReplicas = (r: ReplicaSet, n: number) => {
    if ((r.spec.replicas ?? 0) === n) return r;
    recordEvent(
      c,
      d,
      "Normal",
      "ScalingReplicaSet",
      `Scaled ${n > r.spec.replicas! ? "up" : "down"} replica set ${r.metadata.name} from ${r.spec.replicas} to ${n}`,
      "deployment-controller",
    );
    const out: ReplicaSet = s.mutate("apps/replicasets", ns, r.metadata.name, (x: ReplicaSet) => {
      x.spec.replicas = n;
      x.metadata.annotations = { ...x.metadata.annotations, "deployment.kubernetes.io/desired-replicas": String(replicas) };
    });
    rss.splice(rss.indexOf(r), 1, out);
    if (r === newRs) newRs = out;
    return out;
  };
  const avail = (r: ReplicaSet) => r.status?.availableReplicas ?? 0;
  if ((d.spec.strategy?.type ?? "RollingUpdate") === "Recreate") {
    for (const r of olds()) setReplicas(r, 0);
    // as recreate.go oldPodsRunning: any old pod not Succeeded/Failed, terminating ones included, holds
    // back the new ones (they may still hold the quota or a volume the new pods need)
    const oldPods = olds().reduce((a, r) => a + owners.objects(c, r.metadata.uid!, "pods").filter((p) => !isTerminal(p)).length, 0);
    if (oldPods === 0) setReplicas(newRs!, replicas);
  } else {
    const surge = resolve(d.spec.strategy?.rollingUpdate?.maxSurge ?? "25%", replicas, true);
    let unavail = resolve(d.spec.strategy?.rollingUpdate?.maxUnavailable ?? "25%", replicas, false);
    if (surge === 0 && unavail === 0) unavail = 1;
    const total = () => rss.reduce((a, r) => a + (r.spec.replicas ?? 0), 0);
    // scale up the new RS within the surge budget
    const nr = newRs!;
    if (nr.spec.replicas! > replicas) setReplicas(nr, replicas);
    else if (nr.spec.replicas! < replicas) {
      const room = replicas + surge - total();
      if (room > 0) setReplicas(nr, Math.min(replicas, nr.spec.replicas! + room));
    }
    // scale down old RSs while keeping minAvailable
    const minAvailable = replicas - unavail;
    const newUnavailable = Math.max(0, newRs!.spec.replicas! - avail(newRs!));
    let budget = total() - minAvailable - newUnavailable;
    const oldsSorted = olds().sort((a, b) => rev(a) - rev(b));
    // first unhealthy old replicas, then healthy ones
    for (const r of oldsSorted) {
      if (budget <= 0) break;
      const unhealthy = Math.max(0, r.spec.replicas! - avail(r));
      const n = Math.min(unhealthy, budget);
      if (n > 0) {
        setReplicas(r, r.spec.replicas! - n);
        budget -= n;
      }
    }
    const allAvail = rss.reduce((a, r) => a + Math.min(avail(r), r.spec.replicas!), 0);
    budget = Math.min(budget, allAvail - minAvailable);
    for (const r of olds().sort((a, b) => rev(a) - rev(b))) {
      if (budget <= 0) break;
      const n = Math.min(r.spec.replicas!, budget);
      if (n > 0) {
        setReplicas(r, r.spec.replicas! - n);
        budget -= n;
      }
    }
  }
  // history limit: drop empty old ReplicaSets beyond revisionHistoryLimit
  const limit = d.spec.revisionHistoryLimit ?? 10;
  const empty = olds()
    .filter((r) => r.spec.replicas === 0 && (r.status?.replicas ?? 0) === 0)
    .sort((a, b) => rev(a) - rev(b));
  for (const r of empty.slice(0, Math.max(0, empty.length - limit)))
    try {
      s.delete("apps/replicasets", ns, r.metadata.name);
    } catch {
      /* gone */
    }
  updateDeploymentStatus(c, s.get("apps/deployments", ns, name), rss, newRs);
}

function updateDeploymentStatus(c: Cluster, dep: Deployment | undefined, rss: ReplicaSet[], newRs: ReplicaSet | undefined) {
  if (!dep) return;
  const d = dep;
  const s = c.store;
  const live: ReplicaSet[] = rss.map((r) => s.get("apps/replicasets", r.metadata.namespace!, r.metadata.name)).filter(Boolean);
  const nr: ReplicaSet | undefined = newRs && s.get("apps/replicasets", newRs.metadata.namespace!, newRs.metadata.name);
  const sum = (f: (r: ReplicaSet) => number) => live.reduce((a, r) => a + f(r), 0);
  const replicas = d.spec.replicas ?? 1;
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: sum((r) => r.status?.replicas ?? 0),
    updatedReplicas: nr?.status?.replicas ?? 0,
    readyReplicas: sum((r) => r.status?.readyReplicas ?? 0),
    availableReplicas: sum((r) => r.status?.availableReplicas ?? 0),
  };
  status.unavailableReplicas = Math.max(0, replicas - status.availableReplicas!);
  if (!status.unavailableReplicas) delete status.unavailableReplicas;
  for (const k of ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas"] as const) if (!status[k]) delete status[k];
  const unavail = resolve(d.spec.strategy?.rollingUpdate?.maxUnavailable ?? "25%", replicas, false);
  const prev = (t: string) => d.status?.conditions?.find((x) => x.type === t);
  const cond = (type: string, st: string, reason: string, message: string) => {
    const p = prev(type);
    const ts = nowIso();
    return {
      type,
      status: st,
      lastUpdateTime: p?.reason === reason && p?.status === st ? p.lastUpdateTime : ts,
      lastTransitionTime: p?.status === st ? p.lastTransitionTime : ts,
      reason,
      message,
    };
  };
  const complete = nr && (status.updatedReplicas ?? 0) === replicas && (status.availableReplicas ?? 0) >= replicas && (status.replicas ?? 0) === replicas;
  status.conditions = [
    (status.availableReplicas ?? 0) >= replicas - unavail
      ? cond("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
      : cond("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."),
    complete ? cond("Progressing", "True", "NewReplicaSetAvailable", `ReplicaSet "${nr!.metadata.name}" has successfully progressed.`) : progressing(),
  ];
  // progress.go getReplicaFailures: the new ReplicaSet's ReplicaFailure, else an old one's, copied onto
  // the Deployment (ReplicaSetToDeploymentCondition); removed when none has one
  const failureOf = (r: ReplicaSet | undefined) => r?.status?.conditions?.find((x) => x.type === "ReplicaFailure");
  const failure = failureOf(nr) ?? live.map(failureOf).find(Boolean);
  if (failure)
    status.conditions.push({
      ...cond("ReplicaFailure", failure.status, failure.reason!, failure.message!),
      lastUpdateTime: failure.lastTransitionTime,
      lastTransitionTime: failure.lastTransitionTime,
    });
  function progressing() {
    // progressDeadlineSeconds: no change in replica counts for that long -> ProgressDeadlineExceeded
    const p = prev("Progressing");
    const counts = (st: DeploymentStatus | undefined) =>
      `${st?.updatedReplicas ?? 0}/${st?.readyReplicas ?? 0}/${st?.availableReplicas ?? 0}/${st?.replicas ?? 0}`;
    const moved =
      !p || p.reason === "NewReplicaSetAvailable" || counts(d.status) !== counts(status) || (d.status?.observedGeneration ?? 0) !== d.metadata.generation;
    const since = moved ? Date.now() : Date.parse(p.lastUpdateTime!);
    const deadline = (d.spec.progressDeadlineSeconds ?? 600) * 1000;
    if (!moved && Date.now() - since >= deadline)
      return {
        ...cond("Progressing", "False", "ProgressDeadlineExceeded", `ReplicaSet "${nr?.metadata.name ?? ""}" has timed out progressing.`),
        lastUpdateTime: p.lastUpdateTime,
      };
    const key = `${d.metadata.namespace}/${d.metadata.name}`;
    const timers = deadlineTimers.get(c)!;
    const due = since + deadline + 20;
    if (!(timers.get(key)! <= due)) {
      timers.set(key, due);
      c.loop.after(due - Date.now(), () => {
        if (timers.get(key) === due) timers.delete(key);
        recheck(c, d.metadata.namespace!, d.metadata.name);
      });
    }
    const x = cond("Progressing", "True", "ReplicaSetUpdated", `ReplicaSet "${nr?.metadata.name ?? ""}" is progressing.`);
    return moved ? { ...x, lastUpdateTime: nowIso() } : x;
  }
  const revA = nr?.metadata.annotations?.[REV];
  if (revA && d.metadata.annotations?.[REV] !== revA)
    s.mutate("apps/deployments", d.metadata.namespace!, d.metadata.name, (x: Deployment) => {
      x.metadata.annotations = { ...x.metadata.annotations, [REV]: revA };
    });
  // timestamps alone never justify a write (avoids event storms), except Progressing's, which
  // records when progress was last made
  const strip = (st: DeploymentStatus | undefined) =>
    JSON.stringify({
      ...st,
      conditions: st?.conditions?.map((q) => ({
        ...q,
        lastUpdateTime: q.type === "Progressing" && q.reason === "ReplicaSetUpdated" ? q.lastUpdateTime : 0,
        lastTransitionTime: 0,
      })),
    });
  s.mutate(
    "apps/deployments",
    d.metadata.namespace!,
    d.metadata.name,
    (x: Deployment) => {
      if (strip(x.status) === strip(status)) return false;
      x.status = status;
    },
    { subresource: "status" },
  );
}

// ---- Job ----------------------------------------------------------------------------------------
function syncJob(c: Cluster, owners: OwnerIndex, ns: string, name: string) {
  const s = c.store;
  const j: Job | undefined = s.get("batch/jobs", ns, name);
  if (!j || j.metadata.deletionTimestamp) return;
  const pods = owners.objects(c, j.metadata.uid!, "pods");
  const succeeded = pods.filter((p) => p.status?.phase === "Succeeded").length;
  const failed = pods.filter((p) => p.status?.phase === "Failed").length;
  const active = pods.filter(isActive);
  const completions = j.spec.completions ?? 1;
  const done = j.status?.conditions?.some((x) => (x.type === "Complete" || x.type === "Failed") && x.status === "True");
  const status: Job["status"] & {} = {
    ...j.status,
    startTime: j.status?.startTime ?? nowIso(),
    active: active.length || undefined,
    succeeded: succeeded || undefined,
    failed: failed || undefined,
    ready: active.filter(isReady).length,
    terminating: 0,
    uncountedTerminatedPods: {},
  };
  if (!done && !j.spec.suspend) {
    if (failed > (j.spec.backoffLimit ?? 6)) {
      for (const p of active)
        try {
          s.delete("pods", ns, p.metadata.name);
        } catch {
          /* gone */
        }
      status.active = undefined;
      status.conditions = [
        {
          type: "Failed",
          status: "True",
          reason: "BackoffLimitExceeded",
          message: "Job has reached the specified backoff limit",
          lastProbeTime: nowIso(),
          lastTransitionTime: nowIso(),
        },
      ];
      recordEvent(c, j, "Warning", "BackoffLimitExceeded", "Job has reached the specified backoff limit", "job-controller");
    } else if (succeeded >= completions) {
      status.completionTime = nowIso();
      status.conditions = [
        {
          type: "SuccessCriteriaMet",
          status: "True",
          reason: "CompletionsReached",
          message: "Reached expected number of succeeded pods",
          lastProbeTime: nowIso(),
          lastTransitionTime: nowIso(),
        },
        {
          type: "Complete",
          status: "True",
          reason: "CompletionsReached",
          message: "Reached expected number of succeeded pods",
          lastProbeTime: nowIso(),
          lastTransitionTime: nowIso(),
        },
      ];
      recordEvent(c, j, "Normal", "Completed", "Job completed", "job-controller");
    } else {
      const want = Math.min(j.spec.parallelism ?? 1, completions - succeeded) - active.length;
      for (let i = 0; i < want; i++) {
        const t = clone(j.spec.template);
        try {
          const p: Pod = s.create("pods", {
            metadata: { ...t.metadata, name: generateName(`${name}-`, suffix()), namespace: ns, ownerReferences: [ownerRef(j)] },
            spec: t.spec,
          });
          recordEvent(c, j, "Normal", "SuccessfulCreate", `Created pod: ${p.metadata.name}`, "job-controller");
          status.active = (status.active ?? 0) + 1;
        } catch (e) {
          recordEvent(c, j, "Warning", "FailedCreate", errorMessage(e), "job-controller");
          break;
        }
      }
    }
  }
  s.mutate(
    "batch/jobs",
    ns,
    name,
    (x: Job) => {
      if (JSON.stringify(x.status) === JSON.stringify(status)) return false;
      x.status = status;
    },
    { subresource: "status" },
  );
}
