import type { DataCentre } from "@capstan/db";
import { type Actor, builtinDnsServer, readsEverything } from "@capstan/domain";

/**
 * A data centre's DNS as the API shows it: the built-in server's address (from CAPSTAN_DNS_ADVERTISE or
 * CAPSTAN_DNS_LISTEN, which `npm start` gives the portal and the worker alike) when it is the provider,
 * the PowerDNS URL when that is; never the PowerDNS key.
 */
const dnsOf = (d: DataCentre) => ({
  zone: d.dnsZone,
  provider: d.dnsProvider,
  target: d.dnsTarget,
  server: d.dnsProvider === "BUILTIN" ? builtinDnsServer(process.env) : null,
  powerdnsUrl: d.powerdnsUrl,
});

/** Never includes the Harbor password nor the PowerDNS key. The whole record, for platform roles and audit events. */
export const toDataCentreDto = (d: DataCentre, clusters?: { name: string; status: string }[]) => ({
  name: d.name,
  displayName: d.displayName,
  region: d.region,
  harborUrl: d.harborUrl,
  harborUsername: d.harborUsername,
  builderImage: d.builderImage,
  buildsPerSystem: d.buildsPerSystem,
  dns: dnsOf(d),
  version: d.version,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
  ...(clusters ? { clusters } : {}),
});
type FullDataCentreDto = ReturnType<typeof toDataCentreDto>;
/** A data centre as a reader sees it: `harborUsername` and `dns.powerdnsUrl` only for platform roles. */
export type DataCentreDto = Omit<FullDataCentreDto, "harborUsername" | "dns"> &
  Partial<Pick<FullDataCentreDto, "harborUsername">> & { dns: Omit<FullDataCentreDto["dns"], "powerdnsUrl"> & { powerdnsUrl?: string | null } };

/**
 * What a reader may see of a data centre. Department roles do not see the Harbor account Capstan uses
 * (an administrator's name) nor the PowerDNS API's URL (an operator's endpoint); they do see the Harbor URL,
 * the registry their images are pushed to and pulled from, the DNS zone and server their balancers' names
 * resolve with, and each cluster's name and health.
 */
export function dataCentreFor(actor: Actor, dto: FullDataCentreDto): DataCentreDto {
  if (readsEverything(actor)) return dto;
  const { harborUsername: _username, dns, ...rest } = dto;
  const { powerdnsUrl: _url, ...publicDns } = dns;
  return { ...rest, dns: publicDns };
}
