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
import { logger } from "../observability/log";

const { Packet } = dns2;
type Packet = dns2.Packet;
type Resource = Partial<dns2.Packet.Resource>;

/** Response codes (RFC 1035 §4.1.1); dns2 has them at run time but not in its types. */
const RCODE = { SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

/** How long answers come from memory before PostgreSQL is asked whether the records changed. */
export const DNS_CACHE_MS = 1000;

/** What the server knows of one name, read from PostgreSQL. */
interface NameState {
  /** Records by type (A, TXT) as stored. */
  records: { type: string; values: string[]; ttl: number }[];
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
  const cacheMs = opts.cacheMs ?? DNS_CACHE_MS;
  const answerer = new Answerer(db, cacheMs, opts.nameServer ?? opts.address);
  await answerer.checkOnce();
  // Checked twice per cache life, so a query rarely waits on PostgreSQL; a failed check is retried by the next.
  const refresher = cacheMs > 0 ? setInterval(() => answerer.checkOnce().catch(() => undefined), cacheMs / 2) : undefined;
  refresher?.unref();
  const handle = (request: Packet, send: (r: Packet | Buffer) => Promise<unknown>) => {
    answerer
      .answerBytes(request)
      .catch((e: unknown) => {
        logger.warn(`dns: answering failed: ${(e as Error).message}`);
        const r = Packet.createResponseFromRequest(request);
        r.header.rcode = RCODE.SERVFAIL;
        return r as Packet | Buffer;
      })
      .then(send)
      // The client went away, or the server is closing: nothing to answer to.
      .catch(() => undefined);
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
      clearInterval(refresher);
      await Promise.all([new Promise<void>((r) => udp.close(() => r())), new Promise<void>((r) => tcp.close(() => r()))]);
    },
  };
}

/** The records of the built-in zones, as last read from PostgreSQL. */
interface Snapshot {
  /** Zones of data centres served by the built-in provider, longest first (so a zone inside another wins). */
  zones: string[];
  /** Records by name, as stored. */
  byName: Map<string, NameState["records"]>;
  /** Every name that exists in a zone: those with records and their ancestors (empty non-terminals, RFC 8020). */
  existing: Set<string>;
  /** What the records were when read: the zones, their count and latest change; another value means they changed. */
  version: string;
  /**
   * The zones' SOA serial (RFC 1035 §3.3.13, the version of the zone): the time this copy was read, in seconds,
   * and always above the previous copy's, so it changes when, and only when, the records do.
   */
  serial: number;
}

/** Encoded answers kept per copy of the zones; beyond this many (names asked), the cache starts again. */
const MAX_ENCODED = 10_000;
/** Only answers that fit in a UDP message without EDNS (RFC 1035 §4.2.1) are kept encoded; dns2 truncates longer ones itself. */
const MAX_ENCODED_BYTES = 512;

/**
 * The answering logic, apart from the sockets. It answers from an in-memory copy of the built-in zones,
 * checked against PostgreSQL at most every `cacheMs` (two small queries) and read again whole only when
 * the records or zones changed, so answers wait on PostgreSQL at most once a second. An answer is encoded
 * once per copy and question, and sent again with each query's id: dns2 encodes a message bit by bit, which
 * made most of an answer's time and garbage (docs/load-balancers.md, "Measured").
 */
class Answerer {
  private snapshot: Snapshot = { zones: [], byName: new Map(), existing: new Set(), version: "", serial: 0 };
  /** Encoded answers of `snapshot`, by question (as asked, case included) and RD flag, with id 0. */
  private encoded = new Map<string, Buffer>();
  private checkedAt = -Infinity;
  private checking: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly cacheMs: number,
    private readonly nameServer: string,
  ) {}

  /**
   * The answer to `request`, encoded where it was encoded before for the same question since the records last
   * changed (a copy with the request's id), else as a Packet for dns2 to encode (and truncate for UDP).
   */
  async answerBytes(request: Packet): Promise<Packet | Buffer> {
    await this.current();
    // Read after the wait, so the copy and the encoded answers are of one reading.
    const snap = this.snapshot;
    if (request.header.opcode !== 0 || request.questions.length === 0) return this.answer(request, snap);
    const key = `${request.header.rd}|${request.questions.map((q) => `${q.name}|${q.type}|${q.class}`).join("|")}`;
    let bytes = this.encoded.get(key);
    if (!bytes) {
      const response = this.answer(request, snap);
      bytes = response.toBuffer();
      if (bytes.length > MAX_ENCODED_BYTES) return response;
      if (this.encoded.size >= MAX_ENCODED) this.encoded.clear();
      this.encoded.set(key, bytes);
    }
    const out = Buffer.from(bytes);
    out.writeUInt16BE(request.header.id, 0);
    return out;
  }

  /** The answer to `request` from the copy `snap`. */
  private answer(request: Packet, snap: Snapshot): Packet {
    const response = Packet.createResponseFromRequest(request);
    const q = request.questions[0];
    if (request.header.opcode !== 0 || !q) {
      response.header.rcode = RCODE.NOTIMP;
      return response;
    }
    const name = q.name.toLowerCase().replace(/\.$/, "");
    const zone = snap.zones.find((z) => name === z || name.endsWith(`.${z}`));
    if (!zone) {
      response.header.rcode = RCODE.REFUSED;
      return response;
    }
    response.header.aa = 1;
    const answers = this.records(snap, name, zone, q.type);
    const rr = (r: Resource) => Object.assign(new Packet.Resource({ name: q.name, class: Packet.CLASS.IN }), r);
    if (answers === null) response.header.rcode = RCODE.NXDOMAIN;
    if (answers === null || answers.length === 0) response.authorities.push(rr(this.soa(snap, zone)));
    else response.answers.push(...answers.map(rr));
    return response;
  }

  /** The records of `name` of type `type` (or every type for ANY); [] when the name exists without them; null when it does not exist. */
  private records(snap: Snapshot, name: string, zone: string, type: number): Resource[] | null {
    const T = Packet.TYPE;
    const found: Resource[] = [];
    const want = (t: number) => type === t || type === T.ANY;
    for (const r of snap.byName.get(name) ?? []) {
      const t = r.type === "A" ? T.A : r.type === "TXT" ? T.TXT : undefined;
      if (t === undefined || !want(t)) continue;
      if (t === T.A) found.push(...r.values.map((address) => ({ type: T.A, ttl: r.ttl, address })));
      else found.push(...r.values.map((data) => ({ type: T.TXT, ttl: r.ttl, data: [data] })));
    }
    const apex = name === zone;
    if (apex && want(T.SOA)) found.push(this.soa(snap, zone));
    if (apex && want(T.NS)) found.push({ type: T.NS, ttl: 3600, ns: `ns.${zone}` });
    const glue = name === `ns.${zone}` && net.isIPv4(this.nameServer);
    if (glue && want(T.A)) found.push({ type: T.A, ttl: 3600, address: this.nameServer });
    return apex || glue || snap.existing.has(name) ? found : null;
  }

  /**
   * The snapshot, checked against PostgreSQL if older than `cacheMs` (the background check, every half of
   * it, keeps queries from waiting); concurrent queries share one check.
   */
  private async current(): Promise<Snapshot> {
    if (performance.now() - this.checkedAt >= this.cacheMs) await this.checkOnce();
    return this.snapshot;
  }

  /** Checks now unless a check is running, which it then waits for. */
  checkOnce(): Promise<void> {
    return (this.checking ??= this.check().finally(() => (this.checking = null)));
  }

  private async check(): Promise<void> {
    const started = performance.now();
    const builtin = { dnsProvider: "BUILTIN" as const, dnsZone: { not: null } };
    const [zoneRows, agg] = await Promise.all([
      this.db.dataCentre.findMany({ where: builtin, select: { dnsZone: true } }),
      this.db.dnsRecord.aggregate({ where: { dataCentre: builtin }, _count: { _all: true }, _max: { updatedAt: true } }),
    ]);
    const zones = zoneRows.map((r) => r.dnsZone!).sort((a, b) => b.length - a.length);
    const version = `${zones.join(",")}|${agg._count._all}|${agg._max.updatedAt?.toISOString() ?? ""}`;
    if (version !== this.snapshot.version) {
      const rows = await this.db.dnsRecord.findMany({ where: { dataCentre: builtin }, select: { name: true, type: true, values: true, ttl: true } });
      const byName = new Map<string, NameState["records"]>();
      const existing = new Set<string>();
      for (const r of rows) {
        byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
        const zone = zones.find((z) => r.name === z || r.name.endsWith(`.${z}`));
        // The name and each ancestor down to its zone exist.
        for (let n = r.name; zone && n.length > zone.length; n = n.slice(n.indexOf(".") + 1)) existing.add(n);
      }
      this.snapshot = { zones, byName, existing, version, serial: Math.max(this.snapshot.serial + 1, Math.floor(Date.now() / 1000)) };
      this.encoded.clear();
    }
    this.checkedAt = started;
  }

  /**
   * The zone's SOA (RFC 1035 §3.3.13): the serial is the copy's (it grows when the records change);
   * Capstan's server is the only one for its zones (no secondaries transfer them), so refresh/retry/expire
   * are conventional values; the minimum, the negative-caching TTL (RFC 2308 §4), is the records' TTL.
   */
  private soa(snap: Snapshot, zone: string): Resource {
    return {
      name: zone,
      type: Packet.TYPE.SOA,
      class: Packet.CLASS.IN,
      ttl: DNS_TTL_SECONDS,
      primary: `ns.${zone}`,
      admin: `hostmaster.${zone}`,
      serial: snap.serial,
      refresh: 3600,
      retry: 600,
      expiration: 604800,
      minimum: DNS_TTL_SECONDS,
    };
  }
}
