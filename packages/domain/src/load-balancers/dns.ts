// Domain names of application load balancers (docs/load-balancers.md, "Domain names"): the records a
// balancer's names should have in its data centre's zone, and how Capstan marks the records it owns.
import { z } from "zod";

/** Longest DNS name in presentation form without the trailing dot (RFC 1035 §2.3.4: 255 octets on the wire). */
export const DNS_NAME_MAX = 253;
/** One label of a host name: RFC 1123 §2.1 (a digit may come first), at most 63 characters, lower case. */
const HOST_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Whether `name` is a lower-case DNS host name: dot-separated RFC 1123 labels of 1–63 letters, digits and
 * '-' (not first or last), at most DNS_NAME_MAX characters, no trailing dot. Capstan stores and compares
 * names in lower case because DNS compares them without regard to case (RFC 4343).
 */
export function isDnsName(name: string): boolean {
  return name.length > 0 && name.length <= DNS_NAME_MAX && name.split(".").every((l) => HOST_LABEL.test(l));
}

/** A DNS zone or name as the API takes it (see isDnsName); refusal reason `not_dns_name`. */
export const dnsName = z.string().refine(isDnsName, {
  error:
    "must be a lower-case DNS name: labels of letters, digits and '-' (1–63 characters, not starting or ending with '-') separated by dots, at most 253 characters, no trailing dot",
  params: { reason: "not_dns_name" },
});

/**
 * Whether `name` lies strictly beneath `zone` ("front.shop.dc1.capstan.internal" in "dc1.capstan.internal").
 * The apex itself is not a balancer's: it holds the zone's SOA and NS records. Both are compared in lower case.
 */
export function inZone(name: string, zone: string): boolean {
  const n = name.toLowerCase(),
    z = zone.toLowerCase();
  return n.length > z.length + 1 && n.endsWith(`.${z}`);
}

/** Seconds resolvers may cache a balancer's records: short, because they follow LB pods as they come and go. */
export const DNS_TTL_SECONDS = 30;

/**
 * The TXT record Capstan writes beside each name it owns, after ExternalDNS's TXT registry
 * (`"heritage=external-dns,external-dns/owner=<owner-id>"`, kubernetes-sigs/external-dns docs/registry/txt.md):
 * a provider changes or deletes a name only when this record names the same balancer.
 */
export const ownershipTxt = (loadBalancerId: string): string => `heritage=capstan,capstan/owner=${loadBalancerId}`;

/** The balancer that owns a name according to one of its TXT strings, or null when the string is not Capstan's mark. */
export function ownerOf(txt: string): string | null {
  const m = /^"?heritage=capstan,capstan\/owner=([^",]+)"?$/.exec(txt.trim());
  return m ? m[1]! : null;
}

/** One name's records as a provider applies them. */
export interface DesiredName {
  /** Fully qualified, lower case, no trailing dot. */
  name: string;
  /** The A rrset: IPv4 addresses, sorted, without repeats; empty when no LB pod is ready (the name stays claimed by its TXT). */
  a: string[];
  /** Seconds. */
  ttl: number;
}

/** Where a data centre's names point: the ready LB pods' IPs, or the balancer's Service's external address. */
export type DnsTargetName = "POD_IPS" | "SERVICE_ADDRESS";

/**
 * What a balancer's names wait for, as the DNS controller last found it: `service_address` while its data centre's
 * target is SERVICE_ADDRESS and the cluster has given its Service no external address (the names have no A record).
 */
export type DnsWaiting = "service_address";

/** What a balancer's records are computed from. */
export interface DnsSource {
  /** The balancer's names (any case; stored in lower case). */
  names: string[];
  target: DnsTargetName;
  /** The IPs of its LB pods that are ready (POD_IPS). */
  readyPodIps: string[];
  /** Its Service's external address(es) (SERVICE_ADDRESS); empty while the cluster has given none. */
  serviceAddresses: string[];
  ttl?: number;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * The records a balancer's names should have: per name one A rrset holding every address of the target
 * (IPv4 only: an A record; anything else is left out), sorted so equal sets compare equal. The ownership
 * TXT (ownershipTxt) goes beside each name; providers add it.
 */
export function desiredNames(src: DnsSource): DesiredName[] {
  const addresses = src.target === "POD_IPS" ? src.readyPodIps : src.serviceAddresses;
  const a = [...new Set(addresses.filter((x) => IPV4.test(x)))].sort(compareIpv4);
  const names = [...new Set(src.names.map((n) => n.toLowerCase()))].sort();
  return names.map((name) => ({ name, a: [...a], ttl: src.ttl ?? DNS_TTL_SECONDS }));
}

const compareIpv4 = (x: string, y: string) => {
  const a = x.split(".").map(Number),
    b = y.split(".").map(Number);
  for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
};

/** Where the built-in DNS server listens, `host:port` (the worker starts it only when this is set), e.g. 127.0.0.1:5353. */
export const DNS_LISTEN_ENV = "CAPSTAN_DNS_LISTEN";
/** Where clients should send their queries when that differs from where it listens (listening on 0.0.0.0 behind a NAT). */
export const DNS_ADVERTISE_ENV = "CAPSTAN_DNS_ADVERTISE";

/**
 * Parses `host:port` or `[ipv6]:port` (port 1–65535); null when it is not one. Used for DNS_LISTEN_ENV
 * and DNS_ADVERTISE_ENV.
 */
export function parseHostPort(text: string | undefined): { address: string; port: number } | null {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec((text ?? "").trim());
  if (!m) return null;
  const port = Number(m[3]);
  return port >= 1 && port <= 65535 ? { address: (m[1] ?? m[2])!, port } : null;
}

/** The address and port the built-in DNS server answers on, as clients should use it; null when it does not run. */
export const builtinDnsServer = (env: Record<string, string | undefined>) => parseHostPort(env[DNS_ADVERTISE_ENV] || env[DNS_LISTEN_ENV]);
