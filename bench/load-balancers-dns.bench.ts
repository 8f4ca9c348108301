// `npm run bench -- load-balancers` (or `-- dns`): the built-in DNS server's answer time (docs/load-balancers.md,
// "Domain names"; target p99 ≤ 5 ms): 1,000 balancer names in one zone, served from a migrated PostgreSQL,
// asked over UDP from one socket, first one query at a time, then 50 in flight. Answers come from the server's
// in-memory copy of its zones, which it checks against PostgreSQL in the background; a tenth of the queries are
// for names that do not exist. Each query is encoded once, outside the time measured.
import dgram from "node:dgram";
import os from "node:os";
import dns2 from "dns2";
import { startDnsServer } from "../apps/worker/src/dns/server";
import { benchDatabase } from "./database";

const NAMES = 1000,
  QUERIES = 10_000,
  IN_FLIGHT = 50;
const ZONE = "dc1.capstan.internal";
const { Packet } = dns2;

const { db, stop } = await benchDatabase();
const dc = await db.dataCentre.create({
  data: { name: "dc1", displayName: "DC1", region: "r", harborUrl: "http://h", harborUsername: "u", harborPasswordEnc: Buffer.from("x"), dnsZone: ZONE },
});
await db.dnsRecord.createMany({
  data: Array.from({ length: NAMES }, (_, i) => ({
    dataCentreId: dc.id,
    name: `lb-${i}.shop.${ZONE}`,
    type: "A",
    values: [`10.0.${i >> 8}.${i & 255}`, `10.1.${i >> 8}.${i & 255}`],
  })),
});
const server = await startDnsServer(db, { address: "127.0.0.1", port: 0 });
const socket = dgram.createSocket("udp4");
await new Promise<void>((r) => socket.bind(0, "127.0.0.1", () => r()));
const pending = new Map<number, () => void>();
socket.on("message", (msg) => {
  const id = msg.readUInt16BE(0);
  pending.get(id)?.();
  pending.delete(id);
});
let nextId = 0;
const queries = new Map<string, Buffer>();
/** The query for `name`, encoded once: a client's own work is not the server's answer time. */
function encoded(name: string): Buffer {
  let q = queries.get(name);
  if (!q) {
    const p = new Packet();
    p.questions.push({ name, type: Packet.TYPE.A, class: Packet.CLASS.IN } as dns2.Packet.Question);
    queries.set(name, (q = p.toBuffer()));
  }
  return q;
}
/** One query; resolves to its round trip in milliseconds. */
const ask = (name: string) =>
  new Promise<number>((resolve, reject) => {
    const id = (nextId = (nextId + 1) & 0xffff);
    const query = Buffer.from(encoded(name));
    query.writeUInt16BE(id, 0);
    const t0 = performance.now();
    const timer = setTimeout(() => reject(new Error(`no answer for ${name}`)), 2000);
    pending.set(id, () => {
      clearTimeout(timer);
      resolve(performance.now() - t0);
    });
    socket.send(query, server.port, "127.0.0.1");
  });
const nameOf = (i: number) => (i % 10 === 9 ? `missing-${i}.shop.${ZONE}` : `lb-${(i * 7919) % NAMES}.shop.${ZONE}`);
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!.toFixed(2);

try {
  for (const inFlight of [1, IN_FLIGHT]) {
    const times: number[] = [];
    let i = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (i < QUERIES) times.push(await ask(nameOf(i++)));
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    times.sort((a, b) => a - b);
    console.log(
      `built-in DNS, ${inFlight} in flight: ${QUERIES} answers in ${secs.toFixed(1)} s (${Math.round(QUERIES / secs)}/s), p50 ${pct(times, 50)} ms, p99 ${pct(times, 99)} ms (target ≤ 5 ms), load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
  }
} finally {
  socket.close();
  await server.close();
  await db.$disconnect();
  await stop();
}
