// A data centre's DNS settings: set by platform admins on register and patch, validated (field-named 422s,
// a zone taken elsewhere is a 409), the PowerDNS key sealed and never shown, and a zone or provider that
// cannot move while balancers have names in it.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { getDataCentre, listDataCentres, registerDataCentre, updateDataCentre } from "../index";
import { buildWorld, type World } from "../testing/fixtures";

let world: World;
const harbor = { region: "r", harborUrl: "http://harbor.dns.test", harborUsername: "admin", harborPassword: "pw" };
beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
});
const version = async (dc: string) => (await world.db.dataCentre.findUniqueOrThrow({ where: { name: dc } })).version;

describe("a data centre's DNS", () => {
  it("is set on register and shown with the built-in server's address, without the PowerDNS key", async () => {
    process.env.CAPSTAN_DNS_LISTEN = "127.0.0.1:5353";
    try {
      await registerDataCentre(world.as.platformAdmin, { name: "d1", displayName: "D1", ...harbor, dnsZone: "d1.capstan.internal" });
      expect((await getDataCentre(world.as.developer, "d1")).dns).toEqual({
        zone: "d1.capstan.internal",
        provider: "BUILTIN",
        target: "POD_IPS",
        server: { address: "127.0.0.1", port: 5353 },
      });
    } finally {
      delete process.env.CAPSTAN_DNS_LISTEN;
    }
  });

  it("switches to PowerDNS with its URL and key; the key is sealed and never returned, logged in audit or listed", async () => {
    const after = await updateDataCentre(world.as.platformAdmin, "d1", {
      dnsProvider: "POWERDNS",
      powerdnsUrl: "http://10.0.0.53:8081",
      powerdnsApiKey: "pdns-key-secret",
      dnsTarget: "SERVICE_ADDRESS",
      version: await version("d1"),
    });
    expect(after.dns).toEqual({
      zone: "d1.capstan.internal",
      provider: "POWERDNS",
      target: "SERVICE_ADDRESS",
      server: null,
      powerdnsUrl: "http://10.0.0.53:8081",
    });
    const row = await world.db.dataCentre.findUniqueOrThrow({ where: { name: "d1" } });
    expect(row.powerdnsApiKeyEnc).not.toBeNull();
    expect(Buffer.from(row.powerdnsApiKeyEnc!).toString("latin1")).not.toContain("pdns-key-secret");
    const seen = JSON.stringify([
      after,
      await getDataCentre(world.as.platformAdmin, "d1"),
      await listDataCentres(world.as.platformAdmin, {}),
      await world.db.auditEvent.findMany({ where: { targetType: "datacentre" }, select: { before: true, after: true } }),
    ]);
    expect(seen).not.toContain("pdns-key-secret");
    // Department roles see the zone and provider, not the operator's PowerDNS endpoint.
    expect((await getDataCentre(world.as.developer, "d1")).dns).not.toHaveProperty("powerdnsUrl");
  });

  it("refuses PowerDNS without a URL or key, naming each field", async () => {
    await expect(registerDataCentre(world.as.platformAdmin, { name: "d2", displayName: "D2", ...harbor, dnsProvider: "POWERDNS" })).rejects.toMatchObject({
      status: 422,
      reason: "powerdns_settings_required",
      fieldReasons: { powerdnsUrl: { reason: "required_with_powerdns" }, powerdnsApiKey: { reason: "required_with_powerdns" } },
    });
    // A stored key does not follow a changed URL to another host.
    await expect(updateDataCentre(world.as.platformAdmin, "d1", { powerdnsUrl: "http://10.0.0.54:8081", version: await version("d1") })).rejects.toMatchObject({
      status: 422,
      fields: { powerdnsApiKey: "is required when the DNS provider is POWERDNS" },
    });
  });

  it("refuses a zone that is not a lower-case DNS name, and a PowerDNS URL the outbound policy denies", async () => {
    await expect(updateDataCentre(world.as.platformAdmin, "d1", { dnsZone: "D1.Capstan.internal.", version: await version("d1") })).rejects.toMatchObject({
      status: 422,
      fieldReasons: { dnsZone: { reason: "not_dns_name" } },
    });
    await expect(
      updateDataCentre(world.as.platformAdmin, "d1", { powerdnsUrl: "http://169.254.169.254:8081", powerdnsApiKey: "k", version: await version("d1") }),
    ).rejects.toMatchObject({ status: 422, fieldReasons: { powerdnsUrl: { reason: "powerdns_url_refused" } } });
  });

  it("refuses a zone another data centre has (409) and anyone but platform admins", async () => {
    await registerDataCentre(world.as.platformAdmin, { name: "d3", displayName: "D3", ...harbor });
    await expect(updateDataCentre(world.as.platformAdmin, "d3", { dnsZone: "d1.capstan.internal", version: await version("d3") })).rejects.toMatchObject({
      status: 409,
      fields: { dnsZone: expect.any(String) },
    });
    await expect(updateDataCentre(world.as.ops, "d3", { dnsZone: "d3.capstan.internal", version: await version("d3") })).rejects.toMatchObject({ status: 403 });
  });

  it("keeps the zone and provider while a balancer has a name there; a new target re-applies its records", async () => {
    const dc = await world.db.dataCentre.update({ where: { name: "d3" }, data: { dnsZone: "d3.capstan.internal" } });
    const cluster = await world.db.cluster.create({
      data: { name: "d3-a", dataCentreId: dc.id, apiEndpoint: "http://127.0.0.1:9", kubeconfigEnc: Buffer.from("x") },
    });
    const app = await world.db.application.findFirstOrThrow({ where: { name: "storefront" } });
    const lb = await world.db.loadBalancer.create({
      data: { applicationId: app.id, dataCentreId: dc.id, clusterId: cluster.id, name: "front", algorithm: "roundrobin" },
    });
    await world.db.loadBalancerDomain.create({ data: { name: "front.d3.capstan.internal", loadBalancerId: lb.id } });
    await expect(updateDataCentre(world.as.platformAdmin, "d3", { dnsZone: "other.capstan.internal", version: await version("d3") })).rejects.toMatchObject({
      status: 409,
      reason: "data_centre_dns_in_use",
      params: { dataCentre: "d3", names: "front.d3.capstan.internal" },
      fieldReasons: { dnsZone: { reason: "dns_in_use" } },
    });
    await updateDataCentre(world.as.platformAdmin, "d3", { dnsTarget: "SERVICE_ADDRESS", version: await version("d3") });
    const jobs = await world.db.$queryRawUnsafe<{ key: string }[]>(`select key from graphile_worker.jobs where task_identifier = 'reconcile-dns'`);
    expect(jobs.map((j) => j.key)).toContain(`dns:${lb.id}`);
  });
});
