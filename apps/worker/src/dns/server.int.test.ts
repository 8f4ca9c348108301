// The built-in authoritative DNS server answering from PostgreSQL, asked with the real `dig` and with dns2's
// clients: A and TXT of a balancer's name, SOA and NS at the apex, NXDOMAIN vs NODATA, REFUSED outside its
// zones, the AA flag, answers encoded once sent with each query's id and name, the SOA serial, and records that
// follow the rows within the cache's second.
import dgram from "node:dgram";
import type { Db } from "@capstan/db";
import { BuiltinDns } from "@capstan/orchestrator";
import dns2 from "dns2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { dig } from "../../../../tests/dig";
import { type DnsServer, startDnsServer } from "./server";

const ZONE = "dc1.capstan.internal";
const HOST = `127.54.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
let db: Db;
let server: DnsServer;
let provider: BuiltinDns;
let lb: string;

beforeAll(async () => {
  db = (await testDatabase()).db;
  const dept = await db.department.create({ data: { name: "d", displayName: "D" } });
  const system = await db.system.create({ data: { name: "s", displayName: "S", departmentId: dept.id } });
  const app = await db.application.create({ data: { systemId: system.id, name: "a", displayName: "A" } });
  const dc = await db.dataCentre.create({
    data: { name: "dc1", displayName: "DC1", region: "r", harborUrl: "http://h", harborUsername: "u", harborPasswordEnc: Buffer.from("x"), dnsZone: ZONE },
  });
  // A zone served by PowerDNS elsewhere is not the built-in server's.
  await db.dataCentre.create({
    data: {
      name: "dc2",
      displayName: "DC2",
      region: "r",
      harborUrl: "http://h",
      harborUsername: "u",
      harborPasswordEnc: Buffer.from("x"),
      dnsZone: "dc2.capstan.internal",
      dnsProvider: "POWERDNS",
    },
  });
  const cluster = await db.cluster.create({ data: { name: "dc1-a", dataCentreId: dc.id, apiEndpoint: "http://127.0.0.1:9", kubeconfigEnc: Buffer.from("x") } });
  lb = (await db.loadBalancer.create({ data: { applicationId: app.id, dataCentreId: dc.id, clusterId: cluster.id, name: "front", algorithm: "roundrobin" } }))
    .id;
  provider = new BuiltinDns(db, dc.id);
  await provider.apply(ZONE, `front.shop.${ZONE}`, { a: ["127.0.1.3", "127.0.1.12"], ttl: 30 }, lb);
  server = await startDnsServer(db, { address: HOST, port: 0 });
});
afterAll(async () => {
  await server?.close();
});

describe("built-in DNS server", () => {
  it("answers a balancer's name with its A records and ownership TXT, authoritatively, over UDP and TCP", async () => {
    for (const tcp of [false, true]) {
      const a = await dig(HOST, server.port, `front.shop.${ZONE}`, "A", { tcp });
      expect(a).toMatchObject({ status: "NOERROR", answers: ["127.0.1.3", "127.0.1.12"] });
      expect(a.flags).toContain("aa");
    }
    expect((await dig(HOST, server.port, `FRONT.shop.${ZONE}`, "TXT")).answers).toEqual([`"heritage=capstan,capstan/owner=${lb}"`]);
  });

  it("has the SOA and NS at the apex, and the name server's address", async () => {
    const soa = await dig(HOST, server.port, ZONE, "SOA");
    expect(soa.answers[0]).toMatch(new RegExp(`^ns\\.${ZONE}\\. hostmaster\\.${ZONE}\\. \\d+ 3600 600 604800 30$`));
    expect((await dig(HOST, server.port, ZONE, "NS")).answers).toEqual([`ns.${ZONE}.`]);
    expect((await dig(HOST, server.port, `ns.${ZONE}`, "A")).answers).toEqual([HOST]);
  });

  it("tells NXDOMAIN from NODATA (a type the name lacks, an empty non-terminal), each with the SOA for negative caching", async () => {
    const nx = await dig(HOST, server.port, `nothing.${ZONE}`);
    expect(nx).toMatchObject({ status: "NXDOMAIN", answers: [], authority: ["SOA"] });
    expect(nx.flags).toContain("aa");
    expect(await dig(HOST, server.port, `front.shop.${ZONE}`, "AAAA")).toMatchObject({ status: "NOERROR", answers: [], authority: ["SOA"] });
    expect(await dig(HOST, server.port, `shop.${ZONE}`, "A")).toMatchObject({ status: "NOERROR", answers: [], authority: ["SOA"] });
  });

  it("refuses names outside its zones, including a zone another provider serves", async () => {
    for (const name of ["example.com", "dc2.capstan.internal", `x${ZONE}`]) {
      const r = await dig(HOST, server.port, name);
      expect(r.status).toBe("REFUSED");
      expect(r.flags).not.toContain("aa");
    }
  });

  it("answers dns2's clients", async () => {
    const udp = await dns2.UDPClient({ dns: HOST, port: server.port })(`front.shop.${ZONE}`, "A");
    expect(udp.answers.map((a) => a.address).sort()).toEqual(["127.0.1.12", "127.0.1.3"]);
    const tcp = await dns2.TCPClient({ dns: HOST, port: server.port })(`nothing.${ZONE}`, "A");
    expect(tcp.header.rcode).toBe(3);
  });

  it("answers every query with its own id and its name as asked, however often the question repeats", async () => {
    const socket = dgram.createSocket("udp4");
    await new Promise<void>((r) => socket.bind(0, "127.0.0.1", () => r()));
    /** One query of `name` with the id `id`; resolves to the parsed answer. */
    const ask = (name: string, id: number) =>
      new Promise<dns2.Packet>((resolve) => {
        const q = new dns2.Packet();
        q.header.id = id;
        q.questions.push({ name, type: dns2.Packet.TYPE.A, class: dns2.Packet.CLASS.IN } as dns2.Packet.Question);
        socket.once("message", (m) => resolve(dns2.Packet.parse(m)));
        socket.send(q.toBuffer(), server.port, HOST);
      });
    try {
      for (const [name, id] of [
        [`Front.Shop.${ZONE}`, 0x1234],
        [`front.shop.${ZONE}`, 0x4321],
        [`Front.Shop.${ZONE}`, 0x1111],
        [`nothing.${ZONE}`, 0x2222],
        [`nothing.${ZONE}`, 0x3333],
      ] as const) {
        const r = await ask(name, id);
        expect(r.header.id).toBe(id);
        expect(r.questions[0]!.name).toBe(name);
        for (const a of r.answers) expect(a.name).toBe(name);
        expect(r.answers.length).toBe(name.startsWith("nothing") ? 0 : 2);
      }
    } finally {
      socket.close();
    }
  });

  it("changes the zone's SOA serial when, and only when, the records change", async () => {
    const serial = async () => Number((await dig(HOST, server.port, ZONE, "SOA")).answers[0]!.split(" ")[2]);
    const before = await serial();
    // Longer than a second: the serial is not the time of the answer.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await serial()).toBe(before);
    await provider.apply(ZONE, `serial.shop.${ZONE}`, { a: ["127.0.1.9"], ttl: 30 }, lb);
    let after = before;
    for (const t0 = Date.now(); after === before && Date.now() - t0 < 3000; await new Promise((r) => setTimeout(r, 100))) after = await serial();
    expect(after).toBeGreaterThan(before);
  });

  it("follows the rows within about a second (its cache's life)", async () => {
    await dig(HOST, server.port, `front.shop.${ZONE}`);
    await provider.apply(ZONE, `front.shop.${ZONE}`, { a: ["127.0.1.7"], ttl: 30 }, lb);
    const t0 = Date.now();
    let answers: string[] = [];
    while (Date.now() - t0 < 3000 && answers[0] !== "127.0.1.7") {
      answers = (await dig(HOST, server.port, `front.shop.${ZONE}`)).answers;
      if (answers[0] !== "127.0.1.7") await new Promise((r) => setTimeout(r, 100));
    }
    expect(answers).toEqual(["127.0.1.7"]);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
