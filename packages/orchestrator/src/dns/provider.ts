// What every DNS provider of a data centre does for a balancer's names (docs/load-balancers.md, "Domain
// names"): set one name's A rrset beside Capstan's TXT ownership record, or remove both, never touching a
// name that Capstan's mark for the same balancer does not hold.

/** One name's records: its A rrset (IPv4 addresses; empty leaves only the ownership TXT) and TTL in seconds. */
export interface DnsRecords {
  a: string[];
  ttl: number;
}

/**
 * A data centre's DNS as the DNS controller uses it. `zone` and `name` are lower case without the trailing
 * dot, `name` beneath `zone`; `owner` is the balancer's id, written in the ownership TXT (ownershipTxt).
 */
export interface DnsProviderClient {
  /**
   * Makes `name` have exactly `records.a` (no A rrset when empty) and the ownership TXT of `owner`.
   * @throws DnsOwnershipError when the name has records without that TXT (another balancer's, or made by
   * someone else); nothing is changed then.
   */
  apply(zone: string, name: string, records: DnsRecords, owner: string): Promise<void>;
  /** Deletes the A rrset and the ownership TXT of `name` if `owner` holds it; a name it does not hold is left alone. */
  remove(zone: string, name: string, owner: string): Promise<void>;
  /** The names in `zone` whose ownership TXT names `owner` (lower case, no trailing dot): what it must remove once dropped. */
  owned(zone: string, owner: string): Promise<string[]>;
}

/** A name Capstan may not write: it has records, and no ownership TXT of the balancer asking. */
export class DnsOwnershipError extends Error {
  constructor(
    readonly dnsName: string,
    /** The balancer whose TXT holds it, or null when its records are not Capstan's. */
    readonly heldBy: string | null,
  ) {
    super(
      heldBy
        ? `the name ${dnsName} is held by another load balancer (${heldBy}); Capstan leaves it alone`
        : `the name ${dnsName} has DNS records Capstan does not own (no ownership TXT record); Capstan leaves them alone`,
    );
    this.name = "DnsOwnershipError";
  }
}
