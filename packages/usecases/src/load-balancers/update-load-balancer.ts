import { assertHttpOnlyFits, LoadBalancerUpdate, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { assertGroupFitsQuota, loadBalancerFootprint } from "../quotas/quota-usage";
import { changeLoadBalancer } from "./change-load-balancer";
import { assertAlgorithmOfKind, assertDomainsAllowed } from "./load-balancer-checks";
import { kindEnum, kindName, LB_NAMES, type StoredHealthCheck, type StoredTimeouts, toLoadBalancerDto } from "./load-balancer-rows";

/**
 * Changes a balancer's settings (LoadBalancerUpdate: a field left out keeps its value) when `version` is
 * current. More replicas must fit the system's quota; the result's algorithm must be of its kind; new names
 * must lie in the data centre's zone and be free. HTTP-only settings it sets must suit the resulting protocol
 * (assertHttpOnlyFits); a change to TCP drops the sticky cookie and X-Forwarded-For it does not set.
 * Names and replicas also have DNS reconciled.
 * @throws DomainError 403, 404, 409 (stale version, being deleted, quota, name taken), 422 naming the field.
 */
export async function updateLoadBalancer(ctx: Context, system: string, application: string, name: string, input: unknown) {
  const { version, domains, healthCheck, timeouts, kind, ...fields } = parseInput(LoadBalancerUpdate, input);
  return changeLoadBalancer(
    ctx,
    { system, application, name },
    { action: "load-balancer.update", version: version },
    async (tx, { system: s, loadBalancer: lb }) => {
      const nextKind = kind ?? kindName(lb.kind);
      const algorithm = fields.algorithm ?? lb.algorithm;
      assertAlgorithmOfKind(nextKind, algorithm);
      if (domains) {
        const dc = await tx.dataCentre.findUniqueOrThrow({ where: { id: lb.dataCentreId }, select: { name: true, dnsZone: true } });
        await assertDomainsAllowed(tx, dc, domains, lb.id);
      }
      if (fields.replicas !== undefined)
        await assertGroupFitsQuota(
          tx,
          s,
          { id: lb.dataCentreId, name: lb.dataCentre.name },
          loadBalancerFootprint(lb.replicas),
          loadBalancerFootprint(fields.replicas),
          () => "replicas",
        );
      const protocol = fields.protocol ?? lb.protocol;
      // What this change sets must suit the protocol it ends with; what a change to TCP leaves unset goes.
      assertHttpOnlyFits(protocol, { stickyCookie: fields.stickyCookie, forwardedFor: fields.forwardedFor, healthCheck });
      const tcpNow = protocol === "TCP" && lb.protocol !== "TCP";
      const health = { ...(lb.healthCheck as unknown as StoredHealthCheck), ...healthCheck };
      const stored: StoredHealthCheck = { ...health, path: protocol === "TCP" ? null : (health.path ?? null) };
      const before = toLoadBalancerDto(lb, new Set());
      const updated = await tx.loadBalancer.update({
        where: { id: lb.id },
        data: {
          ...(tcpNow ? { stickyCookie: null, forwardedFor: false } : {}),
          ...fields,
          ...(kind ? { kind: kindEnum(kind) } : {}),
          healthCheck: { ...stored },
          timeouts: { ...(lb.timeouts as unknown as StoredTimeouts), ...timeouts },
          ...(domains ? { domains: { deleteMany: {}, create: domains.map((d) => ({ name: d })) } } : {}),
        },
        include: LB_NAMES,
      });
      const after = toLoadBalancerDto(updated, new Set());
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
        (k) => !["version", "generation", "updatedAt"].includes(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
      );
      if (changed.length === 0) return null;
      const pick = (dto: typeof after) => Object.fromEntries(changed.map((k) => [k, k === "domains" ? dto.domains.map((d) => d.name) : dto[k]]));
      return { before: pick(before), after: pick(after), dns: changed.includes("domains") || changed.includes("replicas") };
    },
  );
}
