// Capstan's built-in authoritative DNS server (docs/load-balancers.md, "Domain names"): it answers for
// the zones of data centres whose DNS provider is BUILTIN, from the DnsRecord rows the DNS controller
// writes, over UDP and TCP (RFC 1035 §4.2, RFC 7766), with dns2 doing the wire format. It answers only
// for its zones (REFUSED otherwise, as authoritative-only servers do), sets AA on every answer in a zone,
// tells NXDOMAIN from NODATA (RFC 2308, empty non-terminals per RFC 8020), and puts the zone's SOA in the
// authority section of negative answers so resolvers cache them for the SOA's minimum.
import net from "node:net";
import type { Db } from "@capstan/db";
import { DNS_TTL_SECONDS } from "@capstan/domain";
import dns2 from "dns2";

const { Packet } = dns2;
type Packet = dns2.Packet;
type Resource = Partial<dns2.Packet.Resource>;

/** Response codes (RFC 1035 §4.1.1); dns2 has them at run time but not in its types. */
const RCODE = { SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

/** How long a name's records (and the list of zones) are served from memory before PostgreSQL is read again. */
export const DNS_CACHE_MS = 1000;
/** Names kept in memory at most; past it the cache starts over (queries for random names cannot grow it). */
const CACHE_MAX = 10_000;

/** What the server knows of one name, read from PostgreSQL. */
interface NameState {
  /** Records by type (A, TXT) as stored. */
  records: { type: string; values: string[]; ttl: number }[];
  /** Whether some name beneath it exists (an empty non-terminal is NODATA, not NXDOMAIN). */
  hasChildren: boolean;
}

/** A running server: where it listens, and how to stop it. */
export interface DnsServer {
  /** The address and port it answers on (UDP and TCP share the port). */
  address: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts the server on `address`:`port` (port 0: one the kernel picks, the same for UDP and TCP).
 * `nameServer` is the address the zone's NS record's name (`ns.<zone>`) resolves to; by default the
 * listening address. Answers are cached for at most `cacheMs` (DNS_CACHE_MS).
 * @throws when the address cannot be bound.
 */
export async function startDnsServer(db: Db, opts: { address: string; port: number; nameServer?: string; cacheMs?: number }): Promise<DnsServer> {
  const answerer = new Answerer(db, opts.cacheMs ?? DNS_CACHE_MS, opts.nameServer ?? opts.address);
  const handle = (request: Packet, send: (r: Packet) => Promise<unknown>) => {
    answerer.answer(request).then(
      (r) => send(r),
      (e: unknown) => {
        console.warn(`[dns] answering failed: ${(e as Error).message}`);
        const r = Packet.createResponseFromRequest(request);
        r.header.rcode = RCODE.SERVFAIL;
        return send(r);
      },
    );
  };
  const udp = dns2.createUDPServer({ type: net.isIPv6(opts.address) ? "udp6" : "udp4" });
  udp.on("request", handle);
  await new Promise<void>((resolve, reject) => {
    udp.once("error", reject);
    udp.bind(opts.port, opts.address, () => resolve());
  });
  const port = udp.address().port;
  const tcp = dns2.createTCPServer();
  tcp.on("request", handle);
  try {
    await new Promise<void>((resolve, reject) => {
      tcp.once("error", reject);
      tcp.listen(port, opts.address, () => resolve());
    });
  } catch (e) {
    udp.close();
    throw e;
  }
  // A malformed query is dropped; it says nothing about the server.
  for (const s of [udp, tcp]) s.on("requestError", () => undefined);
  return {
    address: opts.address,
    port,
    close: async () => {
      await Promise.all([new Promise<void>((r) => udp.close(() => r())), new Promise<void>((r) => tcp.close(() => r()))]);
    },
  };
}

/** The answering logic, apart from the sockets, with its short-lived caches. */
class Answerer {
  private zones: { at: number; list: string[] } = { at: -Infinity, list: [] };
  private names = new Map<string, { at: number; state: Promise<NameState> }>();

  constructor(
    private readonly db: Db,
    private readonly cacheMs: number,
    private readonly nameServer: string,
  ) {}

  async answer(request: Packet): Promise<Packet> {
    const response = Packet.createResponseFromRequest(request);
    const q = request.questions[0];
    if (request.header.opcode !== 0 || !q) {
      response.header.rcode = RCODE.NOTIMP;
      return response;
    }
    const name = q.name.toLowerCase().replace(/\.$/, "");
    const zone = (await this.zoneList()).find((z) => name === z || name.endsWith(`.${z}`));
    if (!zone) {
      response.header.rcode = RCODE.REFUSED;
      return response;
    }
    response.header.aa = 1;
    const answers = await this.records(name, zone, q.type);
    const rr = (r: Resource) => Object.assign(new Packet.Resource({ name: q.name, class: Packet.CLASS.IN }), r);
    if (answers === null) response.header.rcode = RCODE.NXDOMAIN;
    if (answers === null || answers.length === 0) response.authorities.push(rr(this.soa(zone)));
    else response.answers.push(...answers.map(rr));
    return response;
  }

  /** The records of `name` of type `type` (or every type for ANY); [] when the name exists without them; null when it does not exist. */
  private async records(name: string, zone: string, type: number): Promise<Resource[] | null> {
    const T = Packet.TYPE;
    const state = await this.nameState(name);
    const found: Resource[] = [];
    const want = (t: number) => type === t || type === T.ANY;
    for (const r of state.records) {
      const t = r.type === "A" ? T.A : r.type === "TXT" ? T.TXT : undefined;
      if (t === undefined || !want(t)) continue;
      if (t === T.A) found.push(...r.values.map((address) => ({ type: T.A, ttl: r.ttl, address })));
      else found.push(...r.values.map((data) => ({ type: T.TXT, ttl: r.ttl, data: [data] })));
    }
    const apex = name === zone;
    if (apex && want(T.SOA)) found.push(this.soa(zone));
    if (apex && want(T.NS)) found.push({ type: T.NS, ttl: 3600, ns: `ns.${zone}` });
    const glue = name === `ns.${zone}` && net.isIPv4(this.nameServer);
    if (glue && want(T.A)) found.push({ type: T.A, ttl: 3600, address: this.nameServer });
    const exists = apex || glue || state.records.length > 0 || state.hasChildren;
    return exists ? found : null;
  }

  /**
   * The zone's SOA (RFC 1035 §3.3.13): Capstan's server is the only one for its zones (no secondaries
   * transfer them), so the serial is the time of the answer in seconds and refresh/retry/expire are
   * conventional values; the minimum, the negative-caching TTL (RFC 2308 §4), is the records' TTL.
   */
  private soa(zone: string): Resource {
    return {
      name: zone,
      type: Packet.TYPE.SOA,
      class: Packet.CLASS.IN,
      ttl: DNS_TTL_SECONDS,
      primary: `ns.${zone}`,
      admin: `hostmaster.${zone}`,
      serial: Math.floor(Date.now() / 1000),
      refresh: 3600,
      retry: 600,
      expiration: 604800,
      minimum: DNS_TTL_SECONDS,
    };
  }

  /** Zones of data centres served by the built-in provider, longest first (so a zone inside another wins). */
  private async zoneList(): Promise<string[]> {
    if (performance.now() - this.zones.at < this.cacheMs) return this.zones.list;
    const rows = await this.db.dataCentre.findMany({ where: { dnsProvider: "BUILTIN", dnsZone: { not: null } }, select: { dnsZone: true } });
    this.zones = { at: performance.now(), list: rows.map((r) => r.dnsZone!).sort((a, b) => b.length - a.length) };
    return this.zones.list;
  }

  private nameState(name: string): Promise<NameState> {
    const now = performance.now();
    const hit = this.names.get(name);
    if (hit && now - hit.at < this.cacheMs) return hit.state;
    if (this.names.size >= CACHE_MAX) this.names.clear();
    // Concurrent queries for one name share one read.
    const state = (async () => {
      const records = await this.db.dnsRecord.findMany({ where: { name }, select: { type: true, values: true, ttl: true } });
      const hasChildren = records.length > 0 || (await this.db.dnsRecord.count({ where: { name: { endsWith: `.${name}` } }, take: 1 })) > 0;
      return { records, hasChildren };
    })();
    state.catch(() => this.names.delete(name));
    this.names.set(name, { at: now, state });
    return state;
  }
}
