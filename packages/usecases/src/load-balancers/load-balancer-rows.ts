// A balancer's rows as the API shows them, and the stored forms of its JSON columns.
import type { LoadBalancer, LoadBalancerDnsStatus, Tx } from "@capstan/db";
import { type Actor, type LoadBalancerKindName, lbSelector, notFound } from "@capstan/domain";
import { findApplication } from "../lookups";

/** LoadBalancer.healthCheck as stored: `path` null for a TCP connect check; seconds. */
export interface StoredHealthCheck {
  path: string | null;
  intervalSeconds: number;
  rise: number;
  fall: number;
}
/** LoadBalancer.timeouts as stored, in seconds. */
export interface StoredTimeouts {
  connectSeconds: number;
  clientSeconds: number;
  serverSeconds: number;
}

/** The database's kind (HAPROXY, NGINX) in the API's words, and back. */
export const kindName = (k: LoadBalancer["kind"]): LoadBalancerKindName => (k === "HAPROXY" ? "haproxy" : "nginx");
export const kindEnum = (k: LoadBalancerKindName): LoadBalancer["kind"] => (k === "haproxy" ? "HAPROXY" : "NGINX");

/** The include that gives toLoadBalancerDto its names and domains. */
export const LB_NAMES = {
  application: { select: { name: true, system: { select: { name: true } } } },
  dataCentre: { select: { name: true, dnsProvider: true } },
  cluster: { select: { name: true } },
  domains: { select: { name: true }, orderBy: { name: "asc" } },
  dnsStatus: true,
} as const;

type Named = {
  application: { name: string; system: { name: string } };
  dataCentre: { name: string; dnsProvider: "BUILTIN" | "POWERDNS" };
  cluster: { name: string };
  domains: { name: string }[];
  dnsStatus: LoadBalancerDnsStatus | null;
};

/**
 * A balancer loaded with LB_NAMES, as the API shows it. `published` names the domains the built-in DNS
 * server holds A records for (DnsRecord rows); for PowerDNS data centres it is null: not read here.
 */
export function toLoadBalancerDto(lb: LoadBalancer & Named, published: ReadonlySet<string>) {
  const health = lb.healthCheck as unknown as StoredHealthCheck;
  return {
    name: lb.name,
    system: lb.application.system.name,
    application: lb.application.name,
    kind: kindName(lb.kind),
    replicas: lb.replicas,
    dataCentre: lb.dataCentre.name,
    cluster: lb.cluster.name,
    port: lb.port,
    protocol: lb.protocol as "HTTP" | "TCP",
    algorithm: lb.algorithm,
    healthCheck: { path: health.path ?? null, intervalSeconds: health.intervalSeconds, rise: health.rise, fall: health.fall },
    timeouts: lb.timeouts as unknown as StoredTimeouts,
    stickyCookie: lb.stickyCookie,
    forwardedFor: lb.forwardedFor,
    maxConnPerBackend: lb.maxConnPerBackend,
    domains: lb.domains.map((d) => ({ name: d.name, published: lb.dataCentre.dnsProvider === "BUILTIN" ? published.has(d.name) : null })),
    generation: lb.generation,
    observedGeneration: lb.observedGeneration,
    lastError: lb.lastError,
    lastErrorReason: lb.lastErrorReason,
    lastErrorAt: lb.lastErrorAt?.toISOString() ?? null,
    failedAttempts: lb.failedAttempts,
    dnsFailure: dnsFailure(lb.dnsStatus),
    dnsWaiting: lb.dnsStatus?.waitingFor === "service_address" && lb.deletionRequestedAt === null ? ("service_address" as const) : null,
    readyReplicas: lb.readyReplicas,
    dataPlane: lb.dataPlane,
    deleting: lb.deletionRequestedAt !== null,
    version: lb.version,
    createdAt: lb.createdAt.toISOString(),
    updatedAt: lb.updatedAt.toISOString(),
  };
}

/** The DNS controller's last failure to apply the balancer's names, or null while it has none. */
function dnsFailure(s: LoadBalancerDnsStatus | null) {
  if (!s?.lastError) return null;
  return { lastError: s.lastError, lastErrorReason: s.lastErrorReason, lastErrorAt: s.lastErrorAt?.toISOString() ?? null, failedAttempts: s.failedAttempts };
}

/** The names among `domains` that have an A record in the built-in DNS server's rows. */
export async function publishedNames(tx: Pick<Tx, "dnsRecord">, domains: string[]): Promise<Set<string>> {
  if (domains.length === 0) return new Set();
  const rows = await tx.dnsRecord.findMany({ where: { name: { in: domains }, type: "A" }, select: { name: true } });
  return new Set(rows.map((r) => r.name));
}

/**
 * The balancer `name` of an application the actor may read, with its system and application.
 * @throws DomainError 404 when the system, application or balancer is unknown (or unreadable).
 */
export async function findLoadBalancer(tx: Tx, actor: Actor, system: string, application: string, name: string) {
  const found = await findApplication(tx, actor, system, application);
  const lb = await tx.loadBalancer.findUnique({ where: { applicationId_name: { applicationId: found.application.id, name } }, include: LB_NAMES });
  if (!lb) throw notFound("Load balancer", `${system}/${application}/${name}`);
  return { ...found, loadBalancer: lb };
}

/**
 * The balancer's own haproxy/nginx pods as the inventory last read them: the Pod rows in the system's namespace
 * carrying its selector's labels (lbSelector: LB_LABEL = its name, and its application's), as the controllers
 * select them from the cluster, less any whose IP another pod of the cluster was seen with since (a stale row:
 * the IP now belongs to that pod, perhaps another balancer's, which must never be asked for this one's stats).
 * Ordered by name.
 */
export async function loadBalancerPods(tx: Pick<Tx, "pod">, lb: { clusterId: string; name: string }, system: string, application: string) {
  const labels = Object.entries(lbSelector(application, lb.name)).map(([key, value]) => ({ labels: { path: [key], equals: value } }));
  const own = await tx.pod.findMany({ where: { clusterId: lb.clusterId, namespace: system, AND: labels }, orderBy: { name: "asc" } });
  const ips = own.flatMap((p) => (p.ip ? [p.ip] : []));
  if (ips.length === 0) return own;
  const sharing = await tx.pod.findMany({
    where: { clusterId: lb.clusterId, ip: { in: ips }, id: { notIn: own.map((p) => p.id) } },
    select: { ip: true, updatedAt: true },
  });
  return own.filter((p) => !sharing.some((o) => o.ip === p.ip && o.updatedAt >= p.updatedAt));
}
