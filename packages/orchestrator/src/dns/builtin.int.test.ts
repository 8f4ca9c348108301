// The built-in provider's records in PostgreSQL: applied beside the ownership TXT, never written over a
// name Capstan does not own or another balancer holds.
import type { Db } from "@capstan/db";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { BuiltinDns } from "./builtin";
import { DnsOwnershipError } from "./provider";

let db: Db;
let dns: BuiltinDns;
let lb: string, other: string, dcId: string;
const ZONE = "dc1.capstan.internal";

beforeAll(async () => {
  db = (await testDatabase()).db;
  const dept = await db.department.create({ data: { name: "d", displayName: "D" } });
  const system = await db.system.create({ data: { name: "s", displayName: "S", departmentId: dept.id } });
  const app = await db.application.create({ data: { systemId: system.id, name: "a", displayName: "A" } });
  const dc = await db.dataCentre.create({
    data: { name: "dc1", displayName: "DC1", region: "r", harborUrl: "http://h", harborUsername: "u", harborPasswordEnc: Buffer.from("x"), dnsZone: ZONE },
  });
  const cluster = await db.cluster.create({ data: { name: "dc1-a", dataCentreId: dc.id, apiEndpoint: "http://127.0.0.1:9", kubeconfigEnc: Buffer.from("x") } });
  const mk = (name: string) =>
    db.loadBalancer.create({ data: { applicationId: app.id, dataCentreId: dc.id, clusterId: cluster.id, name, algorithm: "roundrobin" } });
  [lb, other, dcId] = [(await mk("front")).id, (await mk("back")).id, dc.id];
  dns = new BuiltinDns(db, dc.id);
});

const rows = (name: string) => db.dnsRecord.findMany({ where: { name }, orderBy: { type: "asc" }, select: { type: true, values: true, loadBalancerId: true } });

describe("built-in provider", () => {
  it("writes the A rrset and the ownership TXT, replaces the addresses, and drops the A rrset when none is left", async () => {
    await dns.apply(ZONE, `front.${ZONE}`, { a: ["127.0.1.3"], ttl: 30 }, lb);
    await dns.apply(ZONE, `front.${ZONE}`, { a: ["127.0.1.3", "127.0.1.4"], ttl: 30 }, lb);
    expect(await rows(`front.${ZONE}`)).toEqual([
      { type: "A", values: ["127.0.1.3", "127.0.1.4"], loadBalancerId: lb },
      { type: "TXT", values: [`heritage=capstan,capstan/owner=${lb}`], loadBalancerId: lb },
    ]);
    await dns.apply(ZONE, `front.${ZONE}`, { a: [], ttl: 30 }, lb);
    expect((await rows(`front.${ZONE}`)).map((r) => r.type)).toEqual(["TXT"]);
  });

  it("leaves a name it does not own alone, and one another balancer holds", async () => {
    await db.dnsRecord.create({ data: { dataCentreId: dcId, name: `legacy.${ZONE}`, type: "A", values: ["10.1.1.1"] } });
    await expect(dns.apply(ZONE, `legacy.${ZONE}`, { a: ["127.0.1.9"], ttl: 30 }, lb)).rejects.toBeInstanceOf(DnsOwnershipError);
    await dns.remove(ZONE, `legacy.${ZONE}`, lb);
    expect(await rows(`legacy.${ZONE}`)).toEqual([{ type: "A", values: ["10.1.1.1"], loadBalancerId: null }]);

    await expect(dns.apply(ZONE, `front.${ZONE}`, { a: ["127.0.1.8"], ttl: 30 }, other)).rejects.toMatchObject({ heldBy: lb });
    await dns.remove(ZONE, `front.${ZONE}`, other);
    expect(await rows(`front.${ZONE}`)).toHaveLength(1);
  });

  it("lists the names a balancer owns", async () => {
    expect(await dns.owned(ZONE, lb)).toEqual([`front.${ZONE}`]);
    expect(await dns.owned(ZONE, other)).toEqual([]);
  });

  it("removes a name it owns", async () => {
    await dns.remove(ZONE, `front.${ZONE}`, lb);
    expect(await rows(`front.${ZONE}`)).toEqual([]);
  });

  it("lets one of two balancers claiming a name at once win", async () => {
    const results = await Promise.allSettled([lb, other].map((owner) => dns.apply(ZONE, `race.${ZONE}`, { a: ["127.0.1.1"], ttl: 30 }, owner)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const txt = (await rows(`race.${ZONE}`)).filter((r) => r.type === "TXT");
    expect(txt).toHaveLength(1);
  });
});
