// The outbound policy: which addresses Capstan's server may connect to when it talks to a cluster's API
// server or a data centre's Harbor. Destinations are checked after DNS resolution, and the connection
// is pinned to the addresses that were checked (a `lookup` on the socket), so a DNS answer that changes
// between the check and the connect (DNS rebinding) cannot reach a denied address. See
// docs/security/outbound.md.
import dns from "node:dns";
import type http from "node:http";
import net from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Ranges reachable by default, as named by ipaddr.js's `range()`: public unicast, and the private
 * ranges where a company's clusters and registries live (RFC 1918, RFC 6598 shared space, RFC 4193
 * unique local). Everything else is denied: loopback, link-local (cloud metadata at 169.254.169.254),
 * unspecified, multicast, broadcast, reserved and documentation ranges, and IPv6 forms that embed an
 * IPv4 address a gateway would translate (RFC 6052 NAT64, 6to4, Teredo). IPv4-mapped and
 * IPv4-compatible IPv6 addresses are judged as the IPv4 address they carry.
 */
const PRIVATE_RANGES = new Set(["private", "carrierGradeNat", "uniqueLocal"]);

/** Cloud metadata services outside link-local: Alibaba Cloud (100.100.100.200) and AWS over IPv6 (fd00:ec2::254). */
const METADATA = ["100.100.100.200", "fd00:ec2::254"].map((a) => ipaddr.parse(a).toNormalizedString());

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Which destinations are allowed: the operator's allow-list, and whether private ranges are denied too. */
export interface OutboundPolicy {
  /** CIDRs allowed whatever their range (CAPSTAN_OUTBOUND_ALLOW). */
  allow: Cidr[];
  /** Deny RFC 1918, RFC 6598 and unique-local addresses unless allow-listed (CAPSTAN_OUTBOUND_DENY_PRIVATE=1). */
  denyPrivate: boolean;
}

/**
 * Reads the policy from CAPSTAN_OUTBOUND_ALLOW (comma-separated CIDRs or single addresses, e.g.
 * "127.0.0.1/32,10.20.0.0/16") and CAPSTAN_OUTBOUND_DENY_PRIVATE ("1" to deny private ranges).
 * Throws naming the variable when an entry is not a CIDR, so a typo does not silently deny or allow.
 */
export function policyFromEnv(env: NodeJS.ProcessEnv = process.env): OutboundPolicy {
  return { allow: cidrsFromEnv(env, "CAPSTAN_OUTBOUND_ALLOW"), denyPrivate: env.CAPSTAN_OUTBOUND_DENY_PRIVATE === "1" };
}

/** The CIDRs (or single addresses) listed, comma-separated, in `variable`; throws naming it for a malformed entry. */
function cidrsFromEnv(env: NodeJS.ProcessEnv, variable: string): Cidr[] {
  return (env[variable] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry): Cidr => {
      try {
        if (entry.includes("/")) return ipaddr.parseCIDR(entry);
        const a = ipaddr.parse(entry);
        return [a, a.kind() === "ipv4" ? 32 : 128];
      } catch {
        throw new Error(`${variable}: "${entry}" is not an IP address or CIDR`);
      }
    });
}

/**
 * The policy for connections to pods (an LB pod's runtime API, master CLI and status server): the outbound
 * policy, plus the pod networks listed in CAPSTAN_POD_NETWORKS (comma-separated CIDRs, e.g. the simulator's
 * loopback pod network "127.16.0.0/12"). These are allowed for pod connections only, never for clusters'
 * API servers or registries. Throws naming the variable for a malformed entry.
 */
export function podPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): OutboundPolicy {
  const policy = policyFromEnv(env);
  return { ...policy, allow: [...policy.allow, ...cidrsFromEnv(env, "CAPSTAN_POD_NETWORKS")] };
}

/** The policy of this process, read from its environment. */
export const outboundPolicy = (): OutboundPolicy => policyFromEnv();

/**
 * Why an address may not be reached ("loopback", "linkLocal", "metadata", …), or null when it may.
 * The allow-list wins over every range.
 */
export function deniedRange(address: string, policy: OutboundPolicy): string | null {
  const ip = ipaddr.process(address); // IPv4-mapped/compatible IPv6 → the IPv4 address
  if (policy.allow.some(([range, bits]) => ip.kind() === range.kind() && ip.match(range, bits))) return null;
  if (METADATA.includes(ip.toNormalizedString())) return "metadata";
  const range = ip.range();
  if (range === "unicast") return null;
  if (PRIVATE_RANGES.has(range)) return policy.denyPrivate ? range : null;
  return range;
}

/** How a refusal names ipaddr.js's ranges to people. */
const RANGE_NAMES: Record<string, string> = {
  unspecified: "an unspecified address",
  loopback: "a loopback address",
  linkLocal: "a link-local address",
  metadata: "a cloud metadata address",
  multicast: "a multicast address",
  broadcast: "a broadcast address",
  reserved: "a reserved address",
  private: "a private address",
  uniqueLocal: "a unique local address",
  carrierGradeNat: "a shared (carrier-grade NAT) address",
};

/** A destination the outbound policy refuses; `message` names the host and the kind of address, never more. */
export class OutboundRefused extends Error {
  constructor(host: string, address: string, range: string) {
    super(
      `${host} is ${host === address ? "" : `resolved to ${address}, `}${RANGE_NAMES[range] ?? `a ${range} address`}, which the outbound policy does not allow (see CAPSTAN_OUTBOUND_ALLOW)`,
    );
    this.name = "OutboundRefused";
  }
  /** Survives wrapping: node-fetch's FetchError copies `code` from the error it wraps. */
  readonly code = OUTBOUND_REFUSED;
}
const OUTBOUND_REFUSED = "ECAPSTAN_OUTBOUND_REFUSED";

/** Whether an error, or the error it wraps, is the outbound policy's refusal. */
export function isOutboundRefusal(e: unknown): boolean {
  for (let x = e as { code?: unknown; cause?: unknown } | undefined, depth = 0; x && depth < 5; x = x.cause as typeof x, depth++)
    if (x.code === OUTBOUND_REFUSED) return true;
  return false;
}

/** Bytes of a failure's details that reach the server log: enough to diagnose, too few to relay a page. */
export const LOGGED_DETAIL_BYTES = 512;

/**
 * Logs why a call to a cluster or registry failed, on the server only (stderr), cut to
 * LOGGED_DETAIL_BYTES: the text may carry the target's response body, which users are never shown.
 */
export function logOutboundFailure(what: string, e: unknown): void {
  console.warn(`capstan outbound: ${what} failed: ${loggedDetail(e)}`);
}

/**
 * An error's message cut to LOGGED_DETAIL_BYTES, for logs: client-node puts a failed call's whole body and
 * headers in its messages, and a cluster or registry must not fill (or leak through) the log.
 */
export const loggedDetail = (e: unknown): string =>
  Buffer.from(e instanceof Error ? e.message : String(e))
    .subarray(0, LOGGED_DETAIL_BYTES)
    .toString("utf8");

const stripBrackets = (host: string) => host.replace(/^\[(.*)\]$/, "$1");

type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>;
const systemLookup: LookupAll = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/**
 * Resolves a host (name or IP literal) and checks every address; throws OutboundRefused when any is
 * denied, or the resolver's error when the name does not resolve.
 */
export async function resolveAllowed(host: string, policy: OutboundPolicy, lookup: LookupAll = systemLookup): Promise<{ address: string; family: number }[]> {
  const bare = stripBrackets(host);
  const addresses = net.isIP(bare) ? [{ address: bare, family: net.isIP(bare) }] : await lookup(bare);
  for (const { address } of addresses) {
    const range = deniedRange(address, policy);
    if (range) throw new OutboundRefused(bare, address, range);
  }
  return addresses;
}

/**
 * A `lookup` for net.connect/tls.connect that answers only with checked addresses, so the socket
 * connects to exactly what was checked. Handles both `all: true` (Node's happy-eyeballs path) and a
 * single answer.
 */
export function pinnedLookup(policy: OutboundPolicy, lookup: LookupAll = systemLookup): net.LookupFunction {
  return ((hostname: string, options: dns.LookupOptions, callback: (err: Error | null, address: string | dns.LookupAddress[], family?: number) => void) => {
    resolveAllowed(hostname, policy, lookup).then(
      (all) => {
        const wanted = options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
        if (wanted.length === 0) return callback(Object.assign(new Error(`${hostname} has no IPv${options.family} address`), { code: "ENOTFOUND" }), "", 0);
        if (options.all) callback(null, wanted);
        else callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (err: Error) => callback(err, "", 0),
    );
  }) as net.LookupFunction;
}

/**
 * Makes an http(s).Agent connect only to `destination` (the host and port it was made for, so a
 * redirect to another host fails) and only to addresses the policy allows: names are resolved by
 * `pinnedLookup`; IP literals, which Node connects to without a lookup, are checked here.
 */
export function guardAgent<A extends http.Agent>(agent: A, destination: URL, policy: OutboundPolicy, lookup?: LookupAll): A {
  const host = stripBrackets(destination.hostname);
  const port = destination.port || (destination.protocol === "https:" ? "443" : "80");
  const guarded = agent as unknown as {
    options: { lookup?: net.LookupFunction };
    createConnection: (
      options: net.NetConnectOpts & { host?: string; port?: number | string },
      cb: (err: Error | null, socket?: net.Socket) => void,
    ) => net.Socket | undefined;
  };
  // Agent.createSocket spreads agent.options into each connection's options, lookup included.
  guarded.options.lookup = pinnedLookup(policy, lookup);
  const create = guarded.createConnection;
  guarded.createConnection = function (options, cb) {
    const to = stripBrackets(String(options.host ?? ""));
    if (to !== host || String(options.port ?? "") !== port) {
      cb(new Error(`refusing to connect to ${to}:${String(options.port)}: only ${host}:${port} is this client's destination`));
      return undefined;
    }
    if (net.isIP(to)) {
      const range = deniedRange(to, policy);
      if (range) {
        cb(new OutboundRefused(to, to, range));
        return undefined;
      }
    }
    return create.call(this, options, cb);
  };
  return agent;
}

/**
 * Why a URL's shape may not be used as a destination, or null: http(s) only, and no user name or
 * password (credentials go in their own fields), query string or fragment (the paths Capstan calls are
 * appended to the URL, and a `?` would turn them into an attacker-chosen path plus a query). With
 * `query`, a query string is allowed: a URL called as it is (a webhook: WeCom's `?key=`, DingTalk's
 * `?access_token=`), never appended to.
 */
export function urlShapeProblem(text: string, opts: { query?: boolean } = {}): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "is not a URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must be an http(s) URL";
  if (url.username || url.password) return "must not contain a user name or password";
  if (!opts.query && (url.search || text.includes("?"))) return "must not contain a query string";
  if (url.hash || text.includes("#")) return "must not contain a fragment";
  return null;
}

/**
 * Checks a destination when it is registered: its shape, then every address its host resolves to.
 * Resolves to null when it may be used, or to the reason it may not. A name that does not resolve yet
 * is accepted: every connection is checked again when it is made.
 */
export async function destinationProblem(
  text: string,
  policy: OutboundPolicy = outboundPolicy(),
  lookup?: LookupAll,
  shape: { query?: boolean } = {},
): Promise<string | null> {
  const problem = urlShapeProblem(text, shape);
  if (problem) return problem;
  try {
    await resolveAllowed(new URL(text).hostname, policy, lookup);
    return null;
  } catch (e) {
    return e instanceof OutboundRefused ? e.message : null;
  }
}
