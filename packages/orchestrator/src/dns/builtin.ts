// The built-in provider: a data centre's records are DnsRecord rows in PostgreSQL, which Capstan's own
// authoritative server answers from (apps/worker/src/dns/server.ts).
import type { Db } from "@capstan/db";
import { ownerOf, ownershipTxt } from "@capstan/domain";
import { DnsOwnershipError, type DnsProviderClient, type DnsRecords } from "./provider";

/**
 * DnsProviderClient over the DnsRecord table for the data centre `dataCentreId`. Each call is one
 * transaction; a name is claimed by creating its TXT row, so of two balancers claiming a name at once the
 * unique (name, type) index lets one win and the other fails with DnsOwnershipError.
 */
export class BuiltinDns implements DnsProviderClient {
  constructor(
    private readonly db: Db,
    private readonly dataCentreId: string,
  ) {}

  async apply(_zone: string, name: string, { a, ttl }: DnsRecords, owner: string): Promise<void> {
    try {
      await this.db.$transaction(async (tx) => {
        const rows = await tx.dnsRecord.findMany({ where: { name } });
        const txt = rows.find((r) => r.type === "TXT");
        const holder = txt ? (txt.values.map(ownerOf).find(Boolean) ?? null) : null;
        if (rows.length > 0 && holder !== owner) throw new DnsOwnershipError(name, holder);
        const mine = { dataCentreId: this.dataCentreId, loadBalancerId: owner, ttl };
        if (txt) await tx.dnsRecord.update({ where: { id: txt.id }, data: { ...mine, values: [ownershipTxt(owner)] } });
        else await tx.dnsRecord.create({ data: { ...mine, name, type: "TXT", values: [ownershipTxt(owner)] } });
        if (a.length === 0) await tx.dnsRecord.deleteMany({ where: { name, type: "A" } });
        else
          await tx.dnsRecord.upsert({
            where: { name_type: { name, type: "A" } },
            create: { ...mine, name, type: "A", values: a },
            update: { ...mine, values: a },
          });
      });
    } catch (e) {
      // P2002: another balancer created the TXT row between our read and our create.
      if ((e as { code?: string }).code === "P2002") throw new DnsOwnershipError(name, null);
      throw e;
    }
  }

  async owned(_zone: string, owner: string): Promise<string[]> {
    const rows = await this.db.dnsRecord.findMany({
      where: { dataCentreId: this.dataCentreId, type: "TXT", loadBalancerId: owner },
      select: { name: true, values: true },
    });
    return rows.filter((r) => r.values.some((v) => ownerOf(v) === owner)).map((r) => r.name);
  }

  async remove(_zone: string, name: string, owner: string): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const txt = await tx.dnsRecord.findUnique({ where: { name_type: { name, type: "TXT" } } });
      if (!txt || !txt.values.some((v) => ownerOf(v) === owner)) return;
      await tx.dnsRecord.deleteMany({ where: { name, type: { in: ["A", "TXT"] } } });
    });
  }
}
