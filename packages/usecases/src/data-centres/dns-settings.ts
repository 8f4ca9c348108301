// A data centre's DNS settings as register and update write them (docs/load-balancers.md, "Domain names").
import { secrets } from "@capstan/db/secrets";
import type { DataCentre, Tx } from "@capstan/db";
import { reconcile } from "@capstan/db/kinds";
import { domainError, type FieldProblems, fieldError } from "@capstan/domain";
import { destinationProblem } from "@capstan/orchestrator";

/** The DNS fields of DataCentreCreate/DataCentreUpdate, as parsed. */
export interface DnsInput {
  dnsZone?: string | null;
  dnsProvider?: "BUILTIN" | "POWERDNS";
  dnsTarget?: "POD_IPS" | "SERVICE_ADDRESS";
  powerdnsUrl?: string | null;
  powerdnsApiKey?: string;
}

type Stored = Pick<DataCentre, "dnsProvider" | "powerdnsUrl" | "powerdnsApiKeyEnc">;

/**
 * 422 against `powerdnsUrl` (powerdns_url_refused) when Capstan may not send the PowerDNS key there: a user
 * name, query string or fragment in the URL, or an address the outbound policy denies
 * (docs/security/outbound.md). Called before the transaction: it may resolve the host.
 */
export async function validPowerdnsUrl(url: string | null | undefined): Promise<void> {
  const problem = url ? await destinationProblem(url) : null;
  if (problem) throw domainError("powerdns_url_refused", { problem }, { powerdnsUrl: fieldError("powerdns_url_refused", { problem }) });
}

/**
 * The columns to write for `input` over what is stored (`before`, absent on register), with the key sealed.
 * As with Harbor's password, a stored PowerDNS key never follows a changed URL to another host: it is
 * dropped unless the key is given again. Throws 422 powerdns_settings_required when the URL or key is
 * missing while the provider is POWERDNS, naming each missing field (`required_with_powerdns`).
 */
export function dnsColumns(input: DnsInput, before?: Stored) {
  const { powerdnsApiKey, ...columns } = input;
  const url = input.powerdnsUrl !== undefined ? input.powerdnsUrl : (before?.powerdnsUrl ?? null);
  const urlChanged = before !== undefined && input.powerdnsUrl !== undefined && input.powerdnsUrl !== before.powerdnsUrl;
  const powerdnsApiKeyEnc = powerdnsApiKey !== undefined ? secrets().seal(powerdnsApiKey) : urlChanged || url === null ? null : undefined;
  const hasKey = powerdnsApiKey !== undefined || (powerdnsApiKeyEnc === undefined && before?.powerdnsApiKeyEnc != null);
  if ((input.dnsProvider ?? before?.dnsProvider ?? "BUILTIN") === "POWERDNS") {
    const missing: FieldProblems = {};
    if (!url) missing.powerdnsUrl = fieldError("required_with_powerdns");
    if (!hasKey) missing.powerdnsApiKey = fieldError("required_with_powerdns");
    if (Object.keys(missing).length) throw domainError("powerdns_settings_required", {}, missing);
  }
  return { ...columns, powerdnsApiKeyEnc: before === undefined && powerdnsApiKeyEnc === null ? undefined : powerdnsApiKeyEnc };
}

/**
 * 409 field_taken against `dnsZone` when another data centre has that zone (the unique index would refuse it
 * too, but an update's violation does not name its column).
 */
export async function zoneFree(tx: Tx, zone: string | null | undefined, self?: string): Promise<void> {
  if (!zone) return;
  const other = await tx.dataCentre.findFirst({ where: { dnsZone: zone, ...(self ? { id: { not: self } } : {}) }, select: { id: true } });
  if (other) throw domainError("field_taken", { field: "dnsZone" }, { dnsZone: fieldError("taken") });
}

/**
 * Before a data centre's DNS changes: the zone must be free (zoneFree); a zone or provider (or PowerDNS URL) cannot change while balancers
 * there have names, whose records would be left behind in the old zone or server (409
 * data_centre_dns_in_use, naming the first names); a changed target has every balancer there re-apply its
 * records (reconcile.dns, in the same transaction).
 */
export async function beforeDnsChange(tx: Tx, before: DataCentre, input: DnsInput): Promise<void> {
  await zoneFree(tx, input.dnsZone, before.id);
  const changed = (k: keyof DnsInput & keyof DataCentre) => input[k] !== undefined && input[k] !== before[k];
  const moves = changed("dnsZone") || changed("dnsProvider") || changed("powerdnsUrl");
  if (!moves && !changed("dnsTarget")) return;
  const names = await tx.loadBalancerDomain.findMany({
    where: { loadBalancer: { dataCentreId: before.id } },
    select: { name: true },
    orderBy: { name: "asc" },
    take: 5,
  });
  if (moves && names.length > 0) {
    const fields: FieldProblems = {};
    for (const k of ["dnsZone", "dnsProvider", "powerdnsUrl"] as const) if (changed(k)) fields[k] = fieldError("dns_in_use");
    throw domainError("data_centre_dns_in_use", { dataCentre: before.name, names: names.map((n) => n.name).join(", ") }, fields);
  }
  const lbs = await tx.loadBalancer.findMany({ where: { dataCentreId: before.id }, select: { id: true } });
  for (const lb of lbs) await reconcile.dns(tx, lb);
}
