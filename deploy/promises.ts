// What deploy/ promises (deploy/README.md, issue 18), checked on the objects an overlay renders to: the tests
// render every overlay with `kubectl kustomize` and expect no breach; they also break a copy on purpose and
// expect each breach to be named, so the check can fail.
import { parseAllDocuments } from "yaml";

/** A rendered Kubernetes object, as far as these checks read it. */
export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> } } & Record<
  string,
  unknown
>;

/** The expectations the manifests meet; `uid` is the Dockerfile's USER. */
export interface Expectations {
  uid: number;
  /** The programs the image's entry point runs (deploy/image/capstan's commands). */
  commands: string[];
  /** The portal's probe paths (from the API contract: /api/v1/health and /api/v1/health/live). */
  portal: { readiness: string; liveness: string };
}

/** The variables that are secrets: only ever read from a Secret by reference. */
export const SECRET_VARIABLES = ["AUTH_SECRET", "CAPSTAN_SECRET_KEY", "CAPSTAN_SECRET_KEY_PREVIOUS", "DATABASE_URL"];
/** Each program's Deployment, the replicas it must keep, and its probes (port, readiness path, liveness path). */
const PROGRAMS = {
  portal: { deployment: "capstan-portal", port: 3000 },
  worker: { deployment: "capstan-worker", port: 9464, readiness: "/readyz", liveness: "/livez" },
  gateway: { deployment: "capstan-gateway", port: 3001, readiness: "/healthz", liveness: "/healthz" },
} as const;

/** Parses `kubectl kustomize` output (a YAML stream) into objects. */
export function parseObjects(yaml: string): K8sObject[] {
  return parseAllDocuments(yaml)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

type Json = Record<string, unknown>;
interface Container {
  name: string;
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  ports?: { containerPort: number; name?: string }[];
  resources?: { requests?: Json; limits?: Json };
  securityContext?: Json & { capabilities?: { drop?: string[] }; seccompProfile?: { type?: string } };
  readinessProbe?: { httpGet?: { path?: string; port?: number | string } };
  livenessProbe?: { httpGet?: { path?: string; port?: number | string } };
  lifecycle?: { preStop?: unknown };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  securityContext?: Json & { seccompProfile?: { type?: string } };
  initContainers?: Container[];
  containers: Container[];
  volumes?: { name: string; emptyDir?: unknown }[];
}
interface Workload {
  spec: { replicas?: number; selector?: { matchLabels?: Record<string, string> }; template: { metadata?: { labels?: Record<string, string> }; spec: PodSpec } };
}

const isSubset = (sel: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  !!sel && Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => labels?.[k] === v);

/** A container's port for a probe's `port` (a number, or a port's name). */
function probePort(c: Container, port: number | string | undefined): number | undefined {
  return typeof port === "number" ? port : c.ports?.find((p) => p.name === port)?.containerPort;
}

/** Every promise one pod template breaks (security context, resources, writable /tmp, secrets, service account). */
function podBreaches(where: string, pod: PodSpec, e: Expectations): string[] {
  const out: string[] = [];
  if (pod.automountServiceAccountToken !== false) out.push(`${where}: mounts a service account token`);
  if (pod.serviceAccountName !== "capstan") out.push(`${where}: runs as service account ${pod.serviceAccountName ?? "default"}, not capstan`);
  const podSc = pod.securityContext ?? {};
  const tmpVolumes = new Set((pod.volumes ?? []).filter((v) => v.emptyDir !== undefined).map((v) => v.name));
  for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
    const at = `${where} container ${c.name}`;
    const sc = c.securityContext ?? {};
    const eff = (k: string) => sc[k] ?? podSc[k];
    if (eff("runAsNonRoot") !== true) out.push(`${at}: runAsNonRoot is not true`);
    if (eff("runAsUser") !== e.uid) out.push(`${at}: runAsUser is ${String(eff("runAsUser"))}, not the image's ${e.uid}`);
    if (sc.allowPrivilegeEscalation !== false) out.push(`${at}: allowPrivilegeEscalation is not false`);
    if (sc.readOnlyRootFilesystem !== true) out.push(`${at}: readOnlyRootFilesystem is not true`);
    if (!sc.capabilities?.drop?.includes("ALL")) out.push(`${at}: capabilities are not all dropped`);
    if ((sc.seccompProfile ?? podSc.seccompProfile)?.type !== "RuntimeDefault") out.push(`${at}: seccomp profile is not RuntimeDefault`);
    for (const kind of ["requests", "limits"] as const)
      for (const r of ["cpu", "memory"]) if (c.resources?.[kind]?.[r] === undefined) out.push(`${at}: no ${r} ${kind.slice(0, -1)}`);
    const tmp = c.volumeMounts?.find((m) => m.mountPath === "/tmp");
    if (!tmp || !tmpVolumes.has(tmp.name)) out.push(`${at}: /tmp is not an emptyDir (the root filesystem is read-only)`);
    if (!c.args?.[0] || !e.commands.includes(c.args[0])) out.push(`${at}: runs ${JSON.stringify(c.args)}, not one of the image's commands`);
    for (const v of c.env ?? [])
      if (SECRET_VARIABLES.includes(v.name) && (v.value !== undefined || !v.valueFrom?.secretKeyRef))
        out.push(`${at}: ${v.name} is not read from a Secret by reference`);
  }
  return out;
}

/**
 * Every promise the rendered objects break, one sentence each; an empty list when all are kept.
 * The promises: portal, worker and gateway Deployments with ≥ 2 replicas, each selected by a PDB that lets one
 * pod go and keeps one; every container (init containers too) non-root as the image's UID, read-only root
 * filesystem with an emptyDir /tmp, no privilege escalation, no capabilities, RuntimeDefault seccomp, CPU and
 * memory requests and limits; no service account token; the secrets only by secretKeyRef and no Secret
 * rendered; readiness and liveness probes on the agreed paths (the portal's readiness asks the database, its
 * liveness does not) and a preStop pause on the portal; the migration Job, and every Deployment's pods
 * waiting for the migrations; a NetworkPolicy denying by default, opening the portal's and gateway's ports and
 * only the metrics port to the worker.
 */
export function promiseBreaches(objects: K8sObject[], e: Expectations): string[] {
  const out: string[] = [];
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  for (const s of of("Secret")) out.push(`Secret ${s.metadata.name} is rendered: secrets are created by the operator, not kept in deploy/`);
  for (const cm of of("ConfigMap"))
    for (const k of Object.keys((cm.data as Json | undefined) ?? {})) if (SECRET_VARIABLES.includes(k)) out.push(`ConfigMap ${cm.metadata.name} holds ${k}`);

  const deployments = new Map(of("Deployment").map((d) => [d.metadata.name, d as unknown as K8sObject & Workload]));
  const pdbs = of("PodDisruptionBudget") as unknown as (K8sObject & {
    spec: { selector?: { matchLabels?: Record<string, string> }; maxUnavailable?: number; minAvailable?: number };
  })[];
  for (const [program, p] of Object.entries(PROGRAMS)) {
    const d = deployments.get(p.deployment);
    if (!d) {
      out.push(`no Deployment ${p.deployment} (${program})`);
      continue;
    }
    const replicas = d.spec.replicas ?? 1;
    if (replicas < 2) out.push(`${p.deployment} has ${replicas} replica(s), fewer than 2`);
    const labels = d.spec.template.metadata?.labels;
    const pdb = pdbs.find((b) => isSubset(b.spec.selector?.matchLabels, labels));
    if (!pdb) out.push(`no PodDisruptionBudget selects ${p.deployment}'s pods`);
    else {
      const allowed = pdb.spec.maxUnavailable ?? replicas - (pdb.spec.minAvailable ?? replicas);
      if (!(typeof allowed === "number" && allowed >= 1 && allowed < replicas))
        out.push(`PodDisruptionBudget ${pdb.metadata.name} must let one of ${p.deployment}'s pods go and keep at least one`);
    }
    const pod = d.spec.template.spec;
    out.push(...podBreaches(`Deployment ${p.deployment}`, pod, e));
    if (!pod.initContainers?.some((c) => c.args?.[0] === "wait-for-migrations")) out.push(`${p.deployment}'s pods do not wait for the migrations`);
    const main = pod.containers.find((c) => c.args?.[0] === program);
    if (!main) {
      out.push(`${p.deployment} runs no ${program} container`);
      continue;
    }
    const readiness = "readiness" in p ? p.readiness : e.portal.readiness;
    const liveness = "liveness" in p ? p.liveness : e.portal.liveness;
    for (const [kind, probe, path] of [
      ["readiness", main.readinessProbe, readiness],
      ["liveness", main.livenessProbe, liveness],
    ] as const) {
      if (probe?.httpGet?.path !== path) out.push(`${p.deployment}'s ${kind} probe asks ${probe?.httpGet?.path ?? "nothing"}, not ${path}`);
      else if (probePort(main, probe.httpGet.port) !== p.port) out.push(`${p.deployment}'s ${kind} probe is not on port ${p.port}`);
    }
    if (program === "portal" && !main.lifecycle?.preStop) out.push(`${p.deployment} has no preStop pause before draining`);
  }

  const jobs = of("Job") as unknown as (K8sObject & { spec: { template: { spec: PodSpec } } })[];
  const migrate = jobs.find((j) => j.spec.template.spec.containers.some((c) => c.args?.[0] === "migrate"));
  if (!migrate) out.push("no Job runs the migrations");
  for (const j of jobs) out.push(...podBreaches(`Job ${j.metadata.name}`, j.spec.template.spec, e));

  for (const sa of of("ServiceAccount")) if (sa.automountServiceAccountToken !== false) out.push(`ServiceAccount ${sa.metadata.name} mounts its token`);
  out.push(...networkBreaches(of("NetworkPolicy") as unknown as Policy[], deployments));
  return out;
}

interface Policy {
  metadata: { name: string };
  spec: {
    podSelector: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
    policyTypes?: string[];
    ingress?: { ports?: { port?: number | string }[] }[];
  };
}

/** Whether a policy's podSelector selects pods with these labels (matchLabels and In/NotIn/Exists expressions). */
function selects(p: Policy, labels: Record<string, string> | undefined): boolean {
  const s = p.spec.podSelector;
  const l = labels ?? {};
  if (!Object.entries(s.matchLabels ?? {}).every(([k, v]) => l[k] === v)) return false;
  return (s.matchExpressions ?? []).every((x) =>
    x.operator === "In"
      ? x.values?.includes(l[x.key]!)
      : x.operator === "NotIn"
        ? !x.values?.includes(l[x.key]!)
        : x.operator === "Exists"
          ? x.key in l
          : !(x.key in l),
  );
}

/** Default deny for every program's pods; ingress opened only on each program's port. */
function networkBreaches(policies: Policy[], deployments: Map<string, Workload>): string[] {
  const out: string[] = [];
  for (const [program, p] of Object.entries(PROGRAMS)) {
    const labels = deployments.get(p.deployment)?.spec.template.metadata?.labels;
    if (!labels) continue;
    const mine = policies.filter((x) => selects(x, labels));
    for (const type of ["Ingress", "Egress"])
      if (!mine.some((x) => x.spec.policyTypes?.includes(type))) out.push(`no NetworkPolicy restricts ${type.toLowerCase()} of the ${program}'s pods`);
    const ingress = mine.flatMap((x) => x.spec.ingress ?? []);
    if (ingress.length === 0) out.push(`no NetworkPolicy lets anything reach the ${program}'s port ${p.port}`);
    for (const rule of ingress) {
      const ports = (rule.ports ?? []).map((x) => x.port);
      if (ports.length === 0 || ports.some((x) => x !== p.port))
        out.push(`a NetworkPolicy opens ${program} pods on ${ports.length ? ports.join(", ") : "every port"}, not only ${p.port}`);
    }
  }
  return out;
}
