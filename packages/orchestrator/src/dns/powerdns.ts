// The PowerDNS provider: a data centre's records in an authoritative PowerDNS, through its HTTP API v1
// (https://doc.powerdns.com/authoritative/http-api/zone.html): GET a zone's rrsets, PATCH them with
// changetype REPLACE or DELETE. Every call goes through the outbound policy and has a deadline, as every
// call to a cluster or registry (docs/security/outbound.md); the API key goes only to the configured host
// and appears in no error or log line.
import http from "node:http";
import https from "node:https";
import { ownerOf, ownershipTxt } from "@capstan/domain";
import { callTimeoutMs, type JsonAnswer, requestJson } from "../deadline";
import { guardAgent, logOutboundFailure, outboundPolicy, type OutboundPolicy } from "../outbound";
import { DnsOwnershipError, type DnsProviderClient, type DnsRecords } from "./provider";

/** One rrset as PowerDNS's API shows it: names fully qualified with the trailing dot; TXT contents quoted. */
interface Rrset {
  name: string;
  type: string;
  ttl?: number;
  records: { content: string; disabled?: boolean }[];
}

/** A PowerDNS call that failed; `message` names the host and what was asked, never the key. */
export class PowerDnsError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "PowerDnsError";
  }
}

const fqdn = (name: string) => `${name.replace(/\.$/, "")}.`;

/** DnsProviderClient for the PowerDNS whose API is at `url` (its webserver, e.g. http://10.0.0.53:8081). */
export class PowerDns implements DnsProviderClient {
  private readonly base: URL;
  private readonly policy: OutboundPolicy;

  constructor(
    url: string,
    private readonly apiKey: string,
    opts: { policy?: OutboundPolicy; timeoutMs?: number; serverId?: string } = {},
  ) {
    this.base = new URL(url);
    this.policy = opts.policy ?? outboundPolicy();
    this.timeoutMs = opts.timeoutMs;
    this.serverId = opts.serverId ?? "localhost";
  }
  private readonly timeoutMs: number | undefined;
  private readonly serverId: string;

  async apply(zone: string, name: string, { a, ttl }: DnsRecords, owner: string): Promise<void> {
    const at = await this.rrsetsAt(zone, name);
    const holder = holderOf(at);
    if (at.length > 0 && holder !== owner) throw new DnsOwnershipError(name, holder);
    const txt: Rrset & { changetype: string } = {
      name: fqdn(name),
      type: "TXT",
      ttl,
      changetype: "REPLACE",
      records: [{ content: `"${ownershipTxt(owner)}"`, disabled: false }],
    };
    const aSet =
      a.length > 0
        ? { name: fqdn(name), type: "A", ttl, changetype: "REPLACE", records: a.map((content) => ({ content, disabled: false })) }
        : { name: fqdn(name), type: "A", changetype: "DELETE", records: [] };
    await this.patch(zone, [txt, aSet]);
  }

  async remove(zone: string, name: string, owner: string): Promise<void> {
    const at = await this.rrsetsAt(zone, name);
    if (holderOf(at) !== owner) return;
    await this.patch(
      zone,
      ["A", "TXT"].map((type) => ({ name: fqdn(name), type, changetype: "DELETE", records: [] })),
    );
  }

  async owned(zone: string, owner: string): Promise<string[]> {
    const names = (await this.rrsets(zone)).filter((r) => r.type === "TXT" && r.records.some((x) => ownerOf(x.content) === owner)).map((r) => r.name);
    return names.map((n) => n.toLowerCase().replace(/\.$/, ""));
  }

  /** Every rrset of `zone`. @throws PowerDnsError (zone missing, key refused, no answer). */
  private async rrsets(zone: string): Promise<Rrset[]> {
    const answer = await this.call("GET", zone);
    if (answer.status !== 200) throw this.refused(`reading zone ${zone}`, answer);
    return (answer.body as { rrsets?: Rrset[] } | undefined)?.rrsets ?? [];
  }

  /** The rrsets at `name` in `zone`. @throws PowerDnsError (zone missing, key refused, no answer). */
  private async rrsetsAt(zone: string, name: string): Promise<Rrset[]> {
    return (await this.rrsets(zone)).filter((r) => r.name.toLowerCase() === fqdn(name));
  }

  private async patch(zone: string, rrsets: object[]): Promise<void> {
    const answer = await this.call("PATCH", zone, { rrsets });
    if (answer.status !== 204 && answer.status !== 200) throw this.refused(`changing zone ${zone}`, answer);
  }

  private async call(method: "GET" | "PATCH", zone: string, body?: unknown): Promise<JsonAnswer> {
    const url = new URL(
      `${this.base.pathname.replace(/\/$/, "")}/api/v1/servers/${encodeURIComponent(this.serverId)}/zones/${encodeURIComponent(fqdn(zone))}`,
      this.base,
    );
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const what = `PowerDNS ${method} ${url.pathname} at ${this.base.host}`;
    try {
      return await requestJson(
        url,
        {
          method,
          agent: guardAgent(url.protocol === "https:" ? new https.Agent() : new http.Agent(), this.base, this.policy),
          headers: {
            "x-api-key": this.apiKey,
            accept: "application/json",
            ...(payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}),
          },
        },
        payload,
        what,
        this.timeoutMs ?? callTimeoutMs(),
      );
    } catch (e) {
      logOutboundFailure(what, e);
      throw new PowerDnsError(`PowerDNS at ${this.base.host} could not be reached: ${(e as Error).message}`);
    }
  }

  /** A failure fit for the controller's log: the status and PowerDNS's `error` text, cut short. */
  private refused(what: string, answer: JsonAnswer): PowerDnsError {
    const detail = String((answer.body as { error?: unknown } | undefined)?.error ?? "").slice(0, 200);
    logOutboundFailure(`PowerDNS ${what}`, `${answer.status} ${answer.text}`);
    const why = answer.status === 401 ? "the API key was refused" : answer.status === 404 || answer.status === 422 ? `no such zone (${detail})` : detail;
    return new PowerDnsError(`PowerDNS at ${this.base.host} answered ${answer.status} ${what}${why ? `: ${why}` : ""}`, answer.status);
  }
}

/** The balancer whose ownership TXT is among these rrsets, or null. */
const holderOf = (rrsets: Rrset[]): string | null =>
  rrsets
    .filter((r) => r.type === "TXT")
    .flatMap((r) => r.records.map((x) => ownerOf(x.content)))
    .find((o): o is string => o !== null) ?? null;
