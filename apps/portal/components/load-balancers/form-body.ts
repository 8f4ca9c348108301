// A load balancer's form as the API takes it (LoadBalancerCreate / LoadBalancerUpdate in
// packages/domain/src/schemas.ts). The server validates everything; this only turns text into JSON types
// so that its 422 names the field (a number typed badly is sent as typed, not dropped).

import type { LoadBalancerDetail } from "@capstan/domain";

/** The settings of a balancer the form edits. */
export type LoadBalancerSettings = Pick<
  LoadBalancerDetail,
  "kind" | "replicas" | "port" | "protocol" | "algorithm" | "healthCheck" | "timeouts" | "stickyCookie" | "forwardedFor" | "maxConnPerBackend" | "domains"
>;

/** The form's named inputs (`formValues`), checkboxes present ("on") only when ticked. */
export type FormText = Record<string, string | undefined>;

/** "" → left out (the server's default, or unchanged); a number → that number; anything else as typed. */
function num(s: string | undefined): number | string | undefined {
  const v = (s ?? "").trim();
  if (v === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
}

/** "" → null (none), as for the sticky cookie and the connection limit. */
const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

/** Domain names typed one per line (or separated by spaces or commas), blanks dropped. */
export function splitDomains(text: string | undefined): string[] {
  return (text ?? "")
    .split(/[\s,]+/)
    .map((d) => d.trim())
    .filter(Boolean);
}

/** Leaves out keys whose value is undefined, so the server applies its default (or keeps the value). */
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * The settings every balancer has, from the form. The health check's path is an HTTP check's: for TCP it
 * is null (a connect check). An empty path on create is left out, so the server takes the application's
 * health check path; on edit it is null (a connect check), as the form's hint says.
 */
function settings(v: FormText, mode: "create" | "edit") {
  const http = v.protocol !== "TCP";
  const path = (v.healthPath ?? "").trim();
  return defined({
    kind: v.kind,
    replicas: num(v.replicas),
    port: num(v.port),
    protocol: v.protocol,
    algorithm: v.algorithm,
    healthCheck: defined({
      path: !http ? null : path ? path : mode === "create" ? undefined : null,
      intervalSeconds: num(v.healthInterval),
      rise: num(v.healthRise),
      fall: num(v.healthFall),
    }),
    timeouts: defined({ connectSeconds: num(v.connectSeconds), clientSeconds: num(v.clientSeconds), serverSeconds: num(v.serverSeconds) }),
    stickyCookie: http ? orNull((v.stickyCookie ?? "").trim() || undefined) : null,
    forwardedFor: http && v.forwardedFor === "on",
    maxConnPerBackend: orNull(num(v.maxConnPerBackend)),
    domains: splitDomains(v.domains),
  });
}

/**
 * The body of `POST …/load-balancers`: the settings, name, data centre, cluster (left out for "any") and
 * the member groups ticked with their weights.
 */
export function createBody(v: FormText, members: { group: string; weight: string }[]) {
  return defined({
    name: (v.name ?? "").trim(),
    dataCentre: v.dataCentre,
    cluster: v.cluster || undefined,
    ...settings(v, "create"),
    members: members.map((m) => defined({ group: m.group, weight: num(m.weight) })),
  });
}

/** The values the settings form shows for `lb` before anything is typed (its inputs' defaults). */
export function formTextOf(lb: LoadBalancerSettings): FormText {
  return {
    kind: lb.kind,
    replicas: String(lb.replicas),
    port: String(lb.port),
    protocol: lb.protocol,
    algorithm: lb.algorithm,
    healthPath: lb.healthCheck.path ?? "",
    healthInterval: String(lb.healthCheck.intervalSeconds),
    healthRise: String(lb.healthCheck.rise),
    healthFall: String(lb.healthCheck.fall),
    connectSeconds: String(lb.timeouts.connectSeconds),
    clientSeconds: String(lb.timeouts.clientSeconds),
    serverSeconds: String(lb.timeouts.serverSeconds),
    stickyCookie: lb.stickyCookie ?? "",
    forwardedFor: lb.forwardedFor ? "on" : undefined,
    maxConnPerBackend: lb.maxConnPerBackend === null ? "" : String(lb.maxConnPerBackend),
    domains: lb.domains.map((d) => d.name).join("\n"),
  };
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The body of `PATCH …/load-balancers/{lb}`: only the settings typed differently from `start` (the balancer
 * as the edit began; within the health check and timeouts, only the keys changed), and `version`, the
 * version the edit saves at. A field left out keeps its value on the server, so a change someone else made
 * meanwhile to another field is not written back; one made at a newer version is refused (409).
 */
export function updateBody(v: FormText, start: LoadBalancerSettings, version: number) {
  const before: Record<string, unknown> = settings(formTextOf(start), "edit");
  const typed: Record<string, unknown> = settings(v, "edit");
  const changed: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(typed)) {
    const was = before[k];
    if (isRecord(value) && isRecord(was)) {
      const inner = Object.fromEntries(Object.entries(value).filter(([ik, iv]) => !same(iv, was[ik])));
      if (Object.keys(inner).length) changed[k] = inner;
    } else if (!same(value, was)) changed[k] = value;
  }
  return { ...changed, version };
}

/**
 * The form after a conflict's "Keep my edit" (edit-conflict.tsx): on top of `now`, the balancer as someone else
 * saved it meanwhile. Each of the `shown` inputs (those on the form now; a checkbox's value is "on" when ticked)
 * whose value the user changed from `start` (the balancer as the edit began) keeps what they typed; every other
 * input takes `now`'s value. Saving it then with `now` as the start (updateBody) sends only the user's changes.
 */
export function keepEdits(typed: FormText, shown: ReadonlySet<string>, start: LoadBalancerSettings, now: LoadBalancerSettings): FormText {
  const was = formTextOf(start);
  const theirs = formTextOf(now);
  return Object.fromEntries(Object.keys(theirs).map((k) => [k, shown.has(k) && typed[k] !== was[k] ? typed[k] : theirs[k]]));
}

/** An example name for a balancer `name` of `application` in DNS zone `zone`: `<name>.<application>.<zone>`. */
export const domainExample = (name: string, application: string, zone: string) => `${name || "front"}.${application}.${zone}`;

/**
 * The API fields (LoadBalancerCreate's paths) whose refusal a change of the form's input `name` answers:
 * its own (healthInterval is healthCheck.intervalSeconds …), and those it decides: a new kind takes a new
 * algorithm, a new data centre a new cluster, members and DNS zone, a new cluster new members.
 */
export function fieldsOfInput(name: string): string[] {
  const own = INPUT_FIELDS[name] ?? name;
  return [own, ...(DECIDES[name] ?? [])];
}
const INPUT_FIELDS: Record<string, string> = {
  healthPath: "healthCheck.path",
  healthInterval: "healthCheck.intervalSeconds",
  healthRise: "healthCheck.rise",
  healthFall: "healthCheck.fall",
  connectSeconds: "timeouts.connectSeconds",
  clientSeconds: "timeouts.clientSeconds",
  serverSeconds: "timeouts.serverSeconds",
};
const DECIDES: Record<string, string[]> = {
  kind: ["algorithm"],
  protocol: ["stickyCookie", "forwardedFor", "healthCheck.path"],
  dataCentre: ["cluster", "members", "domains"],
  cluster: ["members"],
};
