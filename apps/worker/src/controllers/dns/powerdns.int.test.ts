// The DNS controller with a real PowerDNS (pdns_server, sqlite3 backend), run by the controller framework on the
// queue: a refused API key is recorded as the balancer's DNS failure (shown by the API, never the key) and the
// records stay; with the right key, deleting the balancer removes its records from PowerDNS, leaves a record
// Capstan does not own, and the failure is cleared.
import { kinds } from "@capstan/db/kinds";
import { createLoadBalancer, deleteLoadBalancer, getLoadBalancer, updateDataCentre } from "@capstan/usecases";
import { PowerDns } from "@capstan/orchestrator";
import { Logger, runOnce } from "graphile-worker";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../../tests/database";
import { dig } from "../../../../../tests/dig";
import { type RunningPowerDns, startPowerDns } from "../../../../../tests/pdns";
import { buildWorld, withDataCentre, type World } from "../../../../../packages/usecases/src/testing/fixtures";
import { ClusterLeases } from "../../cluster-lock";
import { ClusterSlots } from "../../job-limits";
import { dnsController } from "./index";

const HOST = `127.54.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
const KEY = "pdns-worker-test-key";
const ZONE = "dc1.capstan.internal";
const NAMES = [`front.shop.${ZONE}`, `www.shop.${ZONE}`];
const outboundAllow = process.env.CAPSTAN_OUTBOUND_ALLOW;

let world: World;
let url: string;
let pool: pg.Pool;
let pdns: RunningPowerDns | undefined;
let lbId: string;

/** Runs the DNS controller's jobs that are due now, as the worker does. */
const runDnsJobs = () =>
  runOnce({
    connectionString: url,
    logger: new Logger(() => () => {}),
    taskList: {
      [dnsController.task]: dnsController.taskFor({
        db: world.db,
        leases: new ClusterLeases(pool),
        slots: new ClusterSlots(1),
        timeoutMs: 10_000,
        log: () => {},
      }),
    },
  });
const setKey = async (powerdnsApiKey: string) => {
  const { version } = await world.db.dataCentre.findUniqueOrThrow({ where: { name: "dc1" } });
  await updateDataCentre(world.as.platformAdmin, "dc1", { version, powerdnsApiKey });
};
const detail = () => getLoadBalancer(world.as.viewer, "shop", "storefront", "front");

beforeAll(async () => {
  process.env.CAPSTAN_OUTBOUND_ALLOW = "127.0.0.0/8";
  pdns = await startPowerDns(HOST, KEY);
  expect((await pdns.operator("POST", "/zones", { name: `${ZONE}.`, kind: "Native", nameservers: [`ns1.${ZONE}.`] })).status).toBe(201);
  // Someone else's record in the same zone, made without Capstan.
  const legacy = await pdns.operator("PATCH", `/zones/${ZONE}.`, {
    rrsets: [{ name: `legacy.shop.${ZONE}.`, type: "A", ttl: 60, changetype: "REPLACE", records: [{ content: "10.1.1.1", disabled: false }] }],
  });
  expect(legacy.status).toBe(204);

  const t = await testDatabase();
  url = t.url;
  pool = new pg.Pool({ connectionString: url, max: 2 });
  world = await buildWorld(t.db);
  await withDataCentre(world);
  const { version } = await world.db.dataCentre.findUniqueOrThrow({ where: { name: "dc1" } });
  await updateDataCentre(world.as.platformAdmin, "dc1", { version, dnsZone: ZONE, dnsProvider: "POWERDNS", powerdnsUrl: pdns.api, powerdnsApiKey: KEY });
  await createLoadBalancer(world.as.developer, "shop", "storefront", { name: "front", dataCentre: "dc1", domains: NAMES });
  lbId = (await world.db.loadBalancer.findFirstOrThrow({ where: { name: "front" } })).id;
  // Its names as the controller applies them while its LB pods are ready.
  for (const name of NAMES) await new PowerDns(pdns.api, KEY).apply(ZONE, name, { a: ["127.0.1.3"], ttl: 30 }, lbId);
  await world.db.$queryRaw`SELECT graphile_worker.remove_job(key) FROM graphile_worker.jobs`;
}, 60_000);

afterAll(async () => {
  pdns?.stop();
  await pool?.end();
  if (outboundAllow === undefined) delete process.env.CAPSTAN_OUTBOUND_ALLOW;
  else process.env.CAPSTAN_OUTBOUND_ALLOW = outboundAllow;
});

describe("DNS controller (PowerDNS)", () => {
  it("records a refused key as the balancer's DNS failure, shown by the API without the key, and changes nothing", async () => {
    expect((await detail()).dnsFailure).toBeNull();
    await setKey("not-the-key");
    await deleteLoadBalancer(world.as.developer, "shop", "storefront", "front");
    await runDnsJobs();
    const failure = (await detail()).dnsFailure;
    expect(failure).toMatchObject({
      lastError: expect.stringMatching(/answered 401 .*API key was refused/),
      failedAttempts: 1,
      lastErrorAt: expect.any(String),
    });
    expect(JSON.stringify(failure)).not.toContain("not-the-key");
    for (const name of NAMES) expect((await dig(HOST, pdns!.dnsPort, name)).answers).toEqual(["127.0.1.3"]);
  });

  it("with the right key, removes the deleted balancer's records, leaves a record it does not own, and clears the failure", async () => {
    await setKey(KEY);
    await kinds.dns.request(world.db, { loadBalancerId: lbId });
    await runDnsJobs();
    for (const name of NAMES) {
      expect((await dig(HOST, pdns!.dnsPort, name)).status).toBe("NXDOMAIN");
      expect((await dig(HOST, pdns!.dnsPort, name, "TXT")).status).toBe("NXDOMAIN");
    }
    expect((await dig(HOST, pdns!.dnsPort, `legacy.shop.${ZONE}`)).answers).toEqual(["10.1.1.1"]);
    expect((await detail()).dnsFailure).toBeNull();
  });
});
