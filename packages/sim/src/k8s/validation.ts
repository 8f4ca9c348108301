// Structural validation -> 422 Invalid with causes. Covers names, the required fields that matter to
// the portal and immutable fields; not a full port of the Go validators.
import { isIP } from "node:net";
import { type AdmissionCtx } from "./store.js";
import { type Cause, invalid } from "./errors.js";
import { isValidQuantity, parseQuantity } from "./quantity.js";
import { fromLabelSelector, matches } from "./selectors.js";
import { same } from "./canonical.js";
import { isDNS1123Label, isValidLabelValue, nameProblems, qualifiedNameProblems } from "./names.js";
import type { Container, Deployment, LabelSelector, PodSpec, PodTemplateSpec } from "./objects.js";

// The objects checked here come from clients and are not yet known to match their kinds' schemas:
// the types below say what is expected, and the checks do not rely on them (typeof, Array.isArray, ?.).

/** ValidateObjectMeta's name check: one cause per rule the name breaks (see names.ts for which rule). */
export function validateName(kind: string, name: string | undefined): Cause[] {
  if (!name) return [{ field: "metadata.name", reason: "FieldValueRequired", message: "Required value: name or generateName is required" }];
  return nameProblems(kind, name).map((msg) => ({ field: "metadata.name", message: `Invalid value: "${name}": ${msg}` }));
}

function validateLabels(labels: Record<string, unknown> | undefined, field: string): Cause[] {
  const c: Cause[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const msg of qualifiedNameProblems(k)) c.push({ field: `${field}`, message: `Invalid value: "${k}": ${msg}` });
    if (typeof v !== "string" || !isValidLabelValue(v))
      c.push({
        field: `${field}`,
        message: `Invalid value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
      });
  }
  return c;
}

/** validation.IsValidUserID / IsValidGroupID: the IDs a security context may name. */
function validateId(v: unknown, field: string): Cause[] {
  if (v === undefined) return [];
  return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 2147483647
    ? []
    : [{ field, message: `Invalid value: ${JSON.stringify(v)}: must be between 0 and 2147483647, inclusive` }];
}

/** validateSeccompProfileField: a Localhost profile names its file, no other type does. */
function validateSeccomp(sp: { type?: string; localhostProfile?: string } | undefined, f: string): Cause[] {
  if (!sp) return [];
  if (sp.type === "Localhost" && !sp.localhostProfile)
    return [{ field: `${f}.localhostProfile`, reason: "FieldValueRequired", message: "Required value: must be set when seccomp type is Localhost" }];
  if (sp.type !== "Localhost" && sp.localhostProfile !== undefined)
    return [{ field: `${f}.localhostProfile`, message: `Invalid value: "${sp.localhostProfile}": can only be set when seccomp type is Localhost` }];
  return [];
}

/** The run-as and seccomp checks shared by pod and container security contexts. */
function validateSecurityContext(sc: Record<string, unknown> | undefined, f: string): Cause[] {
  if (!sc) return [];
  return [
    ...validateId(sc.runAsUser, `${f}.runAsUser`),
    ...validateId(sc.runAsGroup, `${f}.runAsGroup`),
    ...validateId(sc.fsGroup, `${f}.fsGroup`),
    ...validateSeccomp(sc.seccompProfile as { type?: string; localhostProfile?: string } | undefined, `${f}.seccompProfile`),
  ];
}

/** validation.IsValidPortName (IANA_SVC_NAME) and IsValidPortNum, as ValidatePortNumOrName words them. */
export function portNumOrNameProblems(port: unknown): string[] {
  if (typeof port === "number") return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : ["must be between 1 and 65535, inclusive"];
  if (typeof port !== "string") return [];
  const p: string[] = [];
  if (port.length > 15) p.push("must be no more than 15 characters");
  if (!/^[-a-z0-9]+$/.test(port)) p.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!/[a-z]/.test(port)) p.push("must contain at least one letter (a-z)");
  if (port.startsWith("-") || port.endsWith("-")) p.push("must not begin or end with a hyphen");
  if (port.includes("--")) p.push("must not contain consecutive hyphens");
  return p;
}

/** A container's requests within its limits, its ports, its probes' ports and its security context. */
function validateContainer(ctr: Container | undefined, cf: string): Cause[] {
  const c: Cause[] = [];
  const limits = ctr?.resources?.limits ?? {};
  for (const [rn, q] of Object.entries(ctr?.resources?.requests ?? {}))
    if (limits[rn] !== undefined && isValidQuantity(q) && isValidQuantity(limits[rn]) && parseQuantity(q) > parseQuantity(limits[rn]))
      c.push({ field: `${cf}.resources.requests`, message: `Invalid value: "${q}": must be less than or equal to ${rn} limit of ${limits[rn]}` });
  for (const [i, p] of (ctr?.ports ?? []).entries()) {
    for (const msg of portNumOrNameProblems(p?.containerPort))
      c.push({ field: `${cf}.ports[${i}].containerPort`, message: `Invalid value: ${p?.containerPort}: ${msg}` });
    if (p?.name !== undefined)
      for (const msg of portNumOrNameProblems(p.name)) c.push({ field: `${cf}.ports[${i}].name`, message: `Invalid value: "${p.name}": ${msg}` });
  }
  for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"] as const)
    for (const h of ["httpGet", "tcpSocket"] as const) {
      const port = (ctr?.[probe]?.[h] as { port?: unknown } | undefined)?.port;
      for (const msg of portNumOrNameProblems(port)) c.push({ field: `${cf}.${probe}.${h}.port`, message: `Invalid value: ${JSON.stringify(port)}: ${msg}` });
    }
  c.push(...validateSecurityContext(ctr?.securityContext as Record<string, unknown> | undefined, `${cf}.securityContext`));
  return c;
}

function validatePodSpec(spec: PodSpec | undefined, f: string): Cause[] {
  const c: Cause[] = [];
  if (!spec) return [{ field: f, reason: "FieldValueRequired", message: "Required value" }];
  if (!Array.isArray(spec.containers) || spec.containers.length === 0)
    c.push({ field: `${f}.containers`, reason: "FieldValueRequired", message: "Required value" });
  const seen = new Set<string | undefined>();
  [
    // each list counts from 0 in field paths (containers[0] is the first container, whatever the init containers)
    ...(spec.initContainers ?? []).map((x, i) => ["initContainers", x, i] as [string, Container | undefined, number]),
    ...(spec.containers ?? []).map((x, i) => ["containers", x, i] as [string, Container | undefined, number]),
  ].forEach(([kind, ctr, i]) => {
    const cf = `${f}.${kind}[${i}]`;
    if (!ctr?.name) c.push({ field: `${cf}.name`, reason: "FieldValueRequired", message: "Required value" });
    else if (isDNS1123Label(ctr.name).length)
      c.push(...isDNS1123Label(ctr.name).map((msg) => ({ field: `${cf}.name`, message: `Invalid value: "${ctr.name}": ${msg}` })));
    else if (seen.has(ctr.name)) c.push({ field: `${cf}.name`, reason: "FieldValueDuplicate", message: `Duplicate value: "${ctr.name}"` });
    seen.add(ctr?.name);
    if (!ctr?.image) c.push({ field: `${cf}.image`, reason: "FieldValueRequired", message: "Required value" });
    for (const kind2 of ["requests", "limits"] as const)
      for (const [rn, q] of Object.entries(ctr?.resources?.[kind2] ?? {}))
        if (!isValidQuantity(q))
          c.push({ field: `${cf}.resources.${kind2}[${rn}]`, message: `Invalid value: "${q}": quantities must match the regular expression` });
    c.push(...validateContainer(ctr, cf));
  });
  c.push(...validateSecurityContext(spec.securityContext as Record<string, unknown> | undefined, `${f}.securityContext`));
  if (spec.restartPolicy && !["Always", "OnFailure", "Never"].includes(spec.restartPolicy))
    c.push({
      field: `${f}.restartPolicy`,
      reason: "FieldValueNotSupported",
      message: `Unsupported value: "${spec.restartPolicy}": supported values: "Always", "OnFailure", "Never"`,
    });
  return c;
}

function validateWorkload(o: { spec?: { selector?: LabelSelector; replicas?: number; template?: PodTemplateSpec } }, podPath: string): Cause[] {
  const c: Cause[] = [];
  const sel = o.spec?.selector;
  if (!sel || (!sel.matchLabels && !sel.matchExpressions)) c.push({ field: "spec.selector", reason: "FieldValueRequired", message: "Required value" });
  else if (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length)
    c.push({ field: "spec.selector", message: "Invalid value: {}: empty selector is invalid for deployment" });
  else if (!matches(fromLabelSelector(sel), o.spec?.template?.metadata?.labels))
    c.push({
      field: "spec.template.metadata.labels",
      message: `Invalid value: ${JSON.stringify(o.spec?.template?.metadata?.labels ?? {})}: \`selector\` does not match template \`labels\``,
    });
  if (o.spec?.replicas !== undefined && (!Number.isInteger(o.spec.replicas) || o.spec.replicas < 0))
    c.push({ field: "spec.replicas", message: `Invalid value: ${o.spec.replicas}: must be greater than or equal to 0` });
  c.push(...validatePodSpec(o.spec?.template?.spec, podPath));
  return c;
}

/** apps/validation ValidateDeploymentStrategy and ValidateRollingUpdateDeployment (after defaulting). */
function validateStrategy(st: Deployment["spec"]["strategy"]): Cause[] {
  if (st?.type === "Recreate" && st.rollingUpdate)
    return [
      { field: "spec.strategy.rollingUpdate", reason: "FieldValueForbidden", message: "Forbidden: may not be specified when strategy `type` is 'Recreate'" },
    ];
  const zero = (v: unknown) => v === 0 || v === "0%";
  if (st?.type === "RollingUpdate" && zero(st.rollingUpdate?.maxSurge) && zero(st.rollingUpdate?.maxUnavailable))
    return [
      {
        field: "spec.strategy.rollingUpdate.maxUnavailable",
        message: `Invalid value: ${JSON.stringify(st.rollingUpdate!.maxUnavailable)}: may not be 0 when \`maxSurge\` is 0`,
      },
    ];
  return [];
}

/** networking/validation ValidateIPBlock and the peers' ports: every CIDR parses, every port is a port. */
function validateNetworkPolicy(spec: { ingress?: unknown[]; egress?: unknown[] } | undefined): Cause[] {
  const c: Cause[] = [];
  for (const [dir, peersKey] of [
    ["ingress", "from"],
    ["egress", "to"],
  ] as const)
    for (const [i, rule] of ((spec?.[dir] ?? []) as { from?: unknown[]; to?: unknown[]; ports?: { port?: unknown }[] }[]).entries()) {
      for (const [j, peer] of ((rule?.[peersKey] ?? []) as { ipBlock?: { cidr?: string; except?: string[] } }[]).entries()) {
        const b = peer?.ipBlock;
        if (!b) continue;
        const f = `spec.${dir}[${i}].${peersKey}[${j}].ipBlock`;
        if (!b.cidr) c.push({ field: `${f}.cidr`, reason: "FieldValueRequired", message: "Required value" });
        else if (!isCidr(b.cidr))
          c.push({ field: `${f}.cidr`, message: `Invalid value: "${b.cidr}": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)` });
        for (const [k, e] of (b.except ?? []).entries())
          if (!isCidr(e))
            c.push({ field: `${f}.except[${k}]`, message: `Invalid value: "${e}": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)` });
      }
      for (const [j, p] of (rule?.ports ?? []).entries())
        for (const msg of portNumOrNameProblems(p?.port))
          c.push({ field: `spec.${dir}[${i}].ports[${j}].port`, message: `Invalid value: ${JSON.stringify(p?.port)}: ${msg}` });
    }
  return c;
}

/** An IPv4 or IPv6 CIDR as netip.ParsePrefix reads it (address, then a prefix length the family allows). */
function isCidr(v: string): boolean {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(v);
  if (!m) return false;
  const bits = Number(m[2]);
  if (isIP(m[1]!) === 4) return bits <= 32;
  if (isIP(m[1]!) === 6) return bits <= 128;
  return false;
}

export function validate(ctx: AdmissionCtx) {
  const { obj: o, def, op, old } = ctx;
  if (op === "delete" || ctx.subresource === "status") return;
  const c: Cause[] = [...validateName(def.kind, o.metadata?.name)];
  c.push(...validateLabels(o.metadata?.labels, "metadata.labels"));
  switch (def.kind) {
    case "Pod":
      c.push(...validatePodSpec(o.spec, "spec"));
      break;
    case "Deployment":
      c.push(...validateWorkload(o, "spec.template.spec"), ...validateStrategy(o.spec?.strategy));
      break;
    case "ReplicaSet":
    case "DaemonSet":
      c.push(...validateWorkload(o, "spec.template.spec"));
      break;
    case "Job":
      c.push(...validatePodSpec(o.spec?.template?.spec, "spec.template.spec"));
      if (o.spec?.template?.spec && !["Never", "OnFailure"].includes(o.spec.template.spec.restartPolicy))
        c.push({
          field: "spec.template.spec.restartPolicy",
          reason: "FieldValueNotSupported",
          message: `Unsupported value: "${o.spec.template.spec.restartPolicy ?? "Always"}": supported values: "OnFailure", "Never"`,
        });
      break;
    case "Service":
      for (const [i, p] of (o.spec?.ports ?? []).entries())
        if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535)
          c.push({ field: `spec.ports[${i}].port`, message: `Invalid value: ${p.port}: must be between 1 and 65535, inclusive` });
      break;
    case "PodDisruptionBudget":
      // policy/validation ValidatePodDisruptionBudgetSpec
      if (o.spec?.minAvailable !== undefined && o.spec?.maxUnavailable !== undefined)
        c.push({ field: "spec", message: `Invalid value: ${JSON.stringify(o.spec)}: minAvailable and maxUnavailable cannot be both set` });
      break;
    case "NetworkPolicy":
      c.push(...validateNetworkPolicy(o.spec));
      break;
    case "ConfigMap":
    case "Secret":
      for (const k of Object.keys({ ...o.data, ...o.stringData, ...o.binaryData }))
        if (!/^[-._a-zA-Z0-9]+$/.test(k))
          c.push({ field: "data", message: `Invalid value: "${k}": a valid config key must consist of alphanumeric characters, '-', '_' or '.'` });
      break;
  }
  if (op === "update" && old) {
    if (["Deployment", "ReplicaSet", "DaemonSet"].includes(def.kind) && !same(o.spec?.selector, old.spec?.selector))
      c.push({ field: "spec.selector", message: `Invalid value: ${JSON.stringify(o.spec?.selector)}: field is immutable` });
    if (def.kind === "Job" && !same(o.spec?.template, old.spec?.template)) c.push({ field: "spec.template", message: "Invalid value: field is immutable" });
    if (def.kind === "Pod") {
      const strip = (s: PodSpec | undefined) => ({
        ...s,
        containers: s?.containers?.map((x) => ({ ...x, image: "" })),
        activeDeadlineSeconds: 0,
        tolerations: [],
        nodeName: "",
      });
      if (!same(strip(o.spec), strip(old.spec)))
        c.push({
          field: "spec",
          reason: "FieldValueForbidden",
          message:
            "Forbidden: pod updates may not change fields other than `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds`, `spec.tolerations` (only additions to existing tolerations) or `spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
        });
      else if (old.spec?.nodeName && o.spec?.nodeName !== old.spec.nodeName) c.push({ field: "spec.nodeName", message: "Forbidden: field is immutable" });
    }
    if (def.kind === "Service" && old.spec?.clusterIP && o.spec?.clusterIP && o.spec.clusterIP !== old.spec.clusterIP)
      c.push({ field: "spec.clusterIP", message: `Invalid value: "${o.spec.clusterIP}": field is immutable` });
  }
  if (c.length) throw invalid(def.group, def.kind, o.metadata?.name ?? "", c);
}
