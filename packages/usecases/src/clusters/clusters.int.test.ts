// Data centres and clusters: secrets sealed at rest and never returned, kubeconfigs validated, and an
// unreachable cluster recorded with its error.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { checkCluster, getCluster, listClusters, listDataCentres, registerCluster, registerDataCentre } from "../index";
import { buildWorld, kubeconfigFor, type World } from "../testing/fixtures";


let world: World;
beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  await registerDataCentre(world.as.platformAdmin, { name: "bj1", displayName: "Beijing 1", region: "cn-north", harborUrl: "http://harbor.bj1.test", harborUsername: "admin", harborPassword: "harbor-secret-pw" });
});

describe("data centres and clusters", () => {
  it("seal the Harbor password and the kubeconfig, and never return them", async () => {
    await registerCluster(world.as.platformAdmin, { name: "bj1-a", dataCentre: "bj1", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
    const dc = await world.db.dataCentre.findUniqueOrThrow({ where: { name: "bj1" } });
    const cluster = await world.db.cluster.findUniqueOrThrow({ where: { name: "bj1-a" } });
    expect(Buffer.from(dc.harborPasswordEnc).toString("latin1")).not.toContain("harbor-secret-pw");
    expect(Buffer.from(cluster.kubeconfigEnc).toString("latin1")).not.toContain("secret-token-123");
    const everything = JSON.stringify([await listDataCentres(world.as.platformAdmin, {}), await listClusters(world.as.platformAdmin, {}), await getCluster(world.as.platformAdmin, "bj1-a")]);
    expect(everything).not.toContain("harbor-secret-pw");
    expect(everything).not.toContain("secret-token-123");
    const audit = JSON.stringify(await world.db.auditEvent.findMany({ where: { targetType: { in: ["cluster", "datacentre"] } }, select: { before: true, after: true } }));
    expect(audit).not.toContain("secret-token-123");
    expect(audit).not.toContain("harbor-secret-pw");
  });

  it("refuse a kubeconfig that cannot be used, naming the field", async () => {
    await expect(registerCluster(world.as.platformAdmin, { name: "bad", dataCentre: "bj1", kubeconfig: "not: [yaml" })).rejects.toMatchObject({
      status: 422,
      fields: { kubeconfig: expect.stringContaining("not a valid kubeconfig") },
    });
    await expect(registerCluster(world.as.platformAdmin, { name: "bad", dataCentre: "bj1", kubeconfig: kubeconfigFor("ftp://x") })).rejects.toMatchObject({
      status: 422,
      fields: { kubeconfig: expect.stringContaining("http(s)") },
    });
    expect(await world.db.cluster.count({ where: { name: "bad" } })).toBe(0);
  });

  it("refuse kubeconfigs that would read the portal's files or run programs", async () => {
    const withUser = (user: string) => kubeconfigFor("http://127.0.0.1:9").replace("user: { token: secret-token-123 }", user);
    for (const [user, field] of <[string, string][]>[
      ["user: { token-file: /proc/self/environ }", "token-file"],
      ["user: { exec: { command: /bin/sh, apiVersion: client.authentication.k8s.io/v1 } }", "exec"],
      ["user: { client-key: /etc/shadow, client-certificate: /etc/hosts }", "client-"],
    ])
      await expect(registerCluster(world.as.platformAdmin, { name: "sneaky", dataCentre: "bj1", kubeconfig: withUser(user) })).rejects.toMatchObject({
        status: 422,
        fields: { kubeconfig: expect.stringContaining(field) },
      });
  });

  it("record an unreachable cluster with the error, without failing the request", async () => {
    await registerCluster(world.as.platformAdmin, { name: "bj1-down", dataCentre: "bj1", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
    const checked = await checkCluster(world.as.ops, "bj1-down");
    expect(checked.status).toBe("UNREACHABLE");
    expect(checked.lastError).toBeTruthy();
    expect(await world.db.auditEvent.count({ where: { action: "cluster.check", targetId: "bj1-down" } })).toBe(1);
  });
});
