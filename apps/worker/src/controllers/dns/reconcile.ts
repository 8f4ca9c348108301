// A balancer's names in its data centre's zone (docs/load-balancers.md, "Domain names"): one A rrset per name
// with every ready LB pod's IP (or the Service's external address, as the data centre says), beside
// Capstan's ownership TXT; names dropped from the balancer, or all of them once its deletion was requested,
// are removed. Level-triggered: it reads the balancer, its names and its LB pods now, not the request.
import type { Db } from "@capstan/db";
import { secrets } from "@capstan/db/secrets";
import { desiredNames, type DnsWaiting, inZone, LB_LABEL } from "@capstan/domain";
import { BuiltinDns, type DnsProviderClient, PowerDns } from "@capstan/orchestrator";
import type { V1Service } from "@kubernetes/client-node";
import { clientFor } from "../../clients";
import { lbPods } from "../load-balancer/lb-pods";

/** The provider serving a data centre's zone, or null when it has no zone (then no balancer there has names). */
export function providerFor(
  db: Db,
  dc: { id: string; dnsZone: string | null; dnsProvider: string; powerdnsUrl: string | null; powerdnsApiKeyEnc: Uint8Array | null },
): DnsProviderClient | null {
  if (!dc.dnsZone) return null;
  if (dc.dnsProvider === "BUILTIN") return new BuiltinDns(db, dc.id);
  if (!dc.powerdnsUrl || !dc.powerdnsApiKeyEnc) throw new Error("the data centre's DNS provider is POWERDNS but its URL or key is missing");
  return new PowerDns(dc.powerdnsUrl, secrets().open(dc.powerdnsApiKeyEnc));
}

/**
 * Converges the DNS of balancer `loadBalancerId`. The LB pods are read from the cluster by their labels, as the
 * load-balancer controller reads them (lbPods). Each name is applied on its own, so one name another owner holds
 * does not keep the others from resolving; the failures are then thrown together, to be recorded
 * (LoadBalancerDnsStatus, shown on the balancer's page) and retried.
 */
export async function reconcileDns(db: Db, { loadBalancerId }: { loadBalancerId: string }): Promise<void> {
  const lb = await db.loadBalancer.findUnique({
    where: { id: loadBalancerId },
    include: {
      domains: { select: { name: true } },
      dataCentre: true,
      cluster: true,
      application: { select: { name: true, system: { select: { name: true } } } },
    },
  });
  // A balancer gone with its row: the built-in provider's rows went with it (cascade). Deletion is requested
  // first, and handled below, so other providers' records are removed before.
  if (!lb) return;
  const dc = lb.dataCentre;
  const provider = providerFor(db, dc);
  if (!provider || !dc.dnsZone) return;
  const zone = dc.dnsZone;
  const wanted = lb.deletionRequestedAt ? [] : lb.domains.map((d) => d.name).filter((n) => inZone(n, zone));
  const failures: string[] = [];
  let waitingFor: DnsWaiting | null = null;
  if (wanted.length > 0) {
    const namespace = lb.application.system.name;
    const client = clientFor(lb.cluster);
    const selector = { labelSelector: `${LB_LABEL}=${lb.name}` };
    // The pods as the load-balancer controller reads them (lbPods), so both agree on which are ready.
    const [pods, services] = await Promise.all([
      lbPods(client, namespace, lb.application.name, lb.name),
      dc.dnsTarget === "SERVICE_ADDRESS" ? listAll<V1Service>(client.pages<V1Service>(`/api/v1/namespaces/${namespace}/services`, selector)) : [],
    ]);
    const readyPodIps = pods.flatMap((p) => (p.ready && p.ip ? [p.ip] : []));
    const serviceAddresses = services.flatMap((s) => [
      ...(s.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip ? [i.ip] : [])),
      ...(s.spec?.externalIPs ?? []),
    ]);
    const desired = desiredNames({ names: wanted, target: dc.dnsTarget, readyPodIps, serviceAddresses });
    for (const d of desired) {
      await provider.apply(zone, d.name, { a: d.a, ttl: d.ttl }, lb.id).catch((e: Error) => failures.push(e.message));
    }
    // Not a failure (nothing to retry): the cluster has not given the Service an address yet; the resync looks again.
    waitingFor = dc.dnsTarget === "SERVICE_ADDRESS" && desired[0]?.a.length === 0 ? "service_address" : null;
  }
  await recordWaiting(db, lb.id, waitingFor);
  const keep = new Set(wanted);
  for (const name of await provider.owned(zone, lb.id))
    if (!keep.has(name)) await provider.remove(zone, name, lb.id).catch((e: Error) => failures.push(e.message));
  if (failures.length) throw new Error(`DNS of load balancer ${lb.name}: ${failures.join("; ")}`);
}

/**
 * Writes what the names wait for (LoadBalancerDnsStatus.waitingFor) when it changed: the row is made only to say
 * they wait, and a resync of names that wait for nothing writes nothing.
 */
async function recordWaiting(db: Db, loadBalancerId: string, waitingFor: DnsWaiting | null): Promise<void> {
  if (waitingFor === null) {
    await db.loadBalancerDnsStatus.updateMany({ where: { loadBalancerId, waitingFor: { not: null } }, data: { waitingFor: null } });
    return;
  }
  await db.$executeRaw`INSERT INTO "LoadBalancerDnsStatus" ("loadBalancerId", "waitingFor") VALUES (${loadBalancerId}::uuid, ${waitingFor})
    ON CONFLICT ("loadBalancerId") DO UPDATE SET "waitingFor" = EXCLUDED."waitingFor"
    WHERE "LoadBalancerDnsStatus"."waitingFor" IS DISTINCT FROM EXCLUDED."waitingFor"`;
}

const listAll = async <T>(pages: AsyncGenerator<{ items: T[] }>): Promise<T[]> => {
  const all: T[] = [];
  for await (const page of pages) all.push(...page.items);
  return all;
};
