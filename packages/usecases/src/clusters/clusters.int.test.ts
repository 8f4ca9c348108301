// Data centres and clusters: secrets sealed at rest and never returned, kubeconfigs validated, and an
// unreachable cluster recorded with its error.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { testDatabase } from "../../../../tests/database";
import {
  checkCluster,
  getCluster,
  getDataCentre,
  listClusters,
  listDataCentres,
  listImageTags,
  registerCluster,
  registerDataCentre,
  updateCluster,
  updateDataCentre,
} from "../index";
import { buildWorld, kubeconfigFor, type World } from "../testing/fixtures";

let world: World;
beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  await registerDataCentre(world.as.platformAdmin, {
    name: "bj1",
    displayName: "Beijing 1",
    region: "cn-north",
    harborUrl: "http://harbor.bj1.test",
    harborUsername: "admin",
    harborPassword: "harbor-secret-pw",
  });
});

describe("data centres and clusters", () => {
  it("seal the Harbor password and the kubeconfig, and never return them", async () => {
    await registerCluster(world.as.platformAdmin, { name: "bj1-a", dataCentre: "bj1", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
    const dc = await world.db.dataCentre.findUniqueOrThrow({ where: { name: "bj1" } });
    const cluster = await world.db.cluster.findUniqueOrThrow({ where: { name: "bj1-a" } });
    expect(Buffer.from(dc.harborPasswordEnc).toString("latin1")).not.toContain("harbor-secret-pw");
    expect(Buffer.from(cluster.kubeconfigEnc).toString("latin1")).not.toContain("secret-token-123");
    const everything = JSON.stringify([
      await listDataCentres(world.as.platformAdmin, {}),
      await listClusters(world.as.platformAdmin, {}),
      await getCluster(world.as.platformAdmin, "bj1-a"),
    ]);
    expect(everything).not.toContain("harbor-secret-pw");
    expect(everything).not.toContain("secret-token-123");
    const audit = JSON.stringify(
      await world.db.auditEvent.findMany({ where: { targetType: { in: ["cluster", "datacentre"] } }, select: { before: true, after: true } }),
    );
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

  it("set the builder image and builds per system, audited, and refuse a bad image reference or count, naming the field", async () => {
    const before = await getDataCentre(world.as.platformAdmin, "bj1");
    expect(before).toMatchObject({ builderImage: "quay.io/buildah/stable:v1.37", buildsPerSystem: 2 });
    for (const [input, field] of <[Record<string, unknown>, string][]>[
      [{ builderImage: "Quay.io/Buildah" }, "builderImage"],
      [{ builderImage: "quay.io/buildah/stable:" }, "builderImage"],
      [{ builderImage: "quay.io/buildah stable" }, "builderImage"],
      [{ buildsPerSystem: 0 }, "buildsPerSystem"],
      [{ buildsPerSystem: 21 }, "buildsPerSystem"],
      [{ buildsPerSystem: 2.5 }, "buildsPerSystem"],
    ])
      await expect(updateDataCentre(world.as.platformAdmin, "bj1", { ...input, version: before.version })).rejects.toMatchObject({
        status: 422,
        fields: { [field]: expect.any(String) },
      });
    await expect(updateDataCentre(world.as.departmentAdmin, "bj1", { buildsPerSystem: 3, version: before.version })).rejects.toMatchObject({ status: 403 });
    const builderImage = "registry.bj1.test:5000/tools/buildah:v1.38@sha256:" + "a".repeat(64);
    const after = await updateDataCentre(world.as.platformAdmin, "bj1", { builderImage, buildsPerSystem: 20, version: before.version });
    expect(after).toMatchObject({ builderImage, buildsPerSystem: 20, version: before.version + 1 });
    expect(await world.db.dataCentre.findUniqueOrThrow({ where: { name: "bj1" } })).toMatchObject({ builderImage, buildsPerSystem: 20 });
    const event = await world.db.auditEvent.findFirstOrThrow({ where: { action: "datacentre.update", targetId: "bj1" }, orderBy: { id: "desc" } });
    expect(event.before).toMatchObject({ builderImage: "quay.io/buildah/stable:v1.37", buildsPerSystem: 2 });
    expect(event.after).toMatchObject({ builderImage, buildsPerSystem: 20 });
    await updateDataCentre(world.as.platformAdmin, "bj1", { builderImage: before.builderImage, buildsPerSystem: 2, version: after.version });
  });

  it("refuse, through the use case, kubeconfigs that would run a program or open a file by way of merge keys, anchors or file fields, and run or open nothing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "capstan-register-"));
    const marker = path.join(dir, "ran");
    const script = path.join(dir, "plugin.sh");
    fs.writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 });
    const fifo = path.join(dir, "ca.pem");
    execFileSync("mkfifo", [fifo]);
    // Opened for reading by anyone, the FIFO lets this writer through, which leaves a mark.
    const writer = spawn("sh", ["-c", `: > '${fifo}' && touch '${dir}/opened'`], { stdio: "ignore" });
    const exec = `{exec: {command: ${script}, apiVersion: client.authentication.k8s.io/v1}}`;
    const base = `contexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n`;
    const server = `clusters: [{name: c, cluster: {server: "http://127.0.0.1:9"}}]\n`;
    try {
      for (const [kubeconfig, field] of <[string, string][]>[
        [server + base + `users:\n- <<: {name: u, user: ${exec}}\n`, "merge key"],
        [server + base + `users:\n- name: u\n  user: {<<: {token-file: ${fifo}}}\n`, "merge key"],
        [`preferences: &p ${exec}\n` + server + base + `users: [{name: u, user: *p}]\n`, "anchor"],
        [server + base + `users: [{name: u, user: ${exec}}]\n`, "users[0].user.exec"],
        [server + base + `users: [{name: u, user: {auth-provider: {name: gcp, config: {cmd-path: ${script}}}}}]\n`, "users[0].user.auth-provider"],
        [
          `clusters: [{name: c, cluster: {server: "http://127.0.0.1:9", certificate-authority: ${fifo}}}]\n` + base + `users: [{name: u, user: {token: t}}]\n`,
          "clusters[0].cluster.certificate-authority",
        ],
        [server + base + `users: [{name: u, user: {client-certificate: ${fifo}, client-key: ${fifo}}}]\n`, "users[0].user.client-"],
        [server + base + `users: [{name: u, user: {token-file: ${fifo}}}]\n`, "users[0].user.token-file"],
        [
          `clusters: [{name: c, cluster: {server: "http://127.0.0.1:9", proxy-url: "http://127.0.0.1:3128"}}]\n` +
            base +
            `users: [{name: u, user: {token: t}}]\n`,
          "clusters[0].cluster.proxy-url",
        ],
      ]) {
        await expect(registerCluster(world.as.platformAdmin, { name: "plugin", dataCentre: "bj1", kubeconfig })).rejects.toMatchObject({
          status: 422,
          fields: { kubeconfig: expect.stringContaining(field) },
        });
        // Had it been stored, the probe would have used it: try, as the worker's resync would.
        const stored = await world.db.cluster.findUnique({ where: { name: "plugin" } });
        if (stored) await checkCluster(world.as.ops, "plugin");
      }
      expect(fs.existsSync(marker), "the credential plugin ran").toBe(false);
      expect(fs.existsSync(path.join(dir, "opened")), "a file named in the kubeconfig was opened").toBe(false);
      expect(await world.db.cluster.count({ where: { name: "plugin" } })).toBe(0);
    } finally {
      writer.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the outbound policy", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("refuses, without an allow-list, cluster servers and Harbor URLs on loopback, link-local and metadata addresses, naming the field", async () => {
    vi.stubEnv("CAPSTAN_OUTBOUND_ALLOW", "");
    for (const server of [
      "http://127.0.0.1:9",
      "https://localhost:6443",
      "http://[::ffff:127.0.0.1]:9",
      "http://169.254.169.254",
      "http://[fe80::1]:6443",
      "http://0.0.0.0:6443",
      "http://100.100.100.200",
    ])
      await expect(registerCluster(world.as.platformAdmin, { name: "inside", dataCentre: "bj1", kubeconfig: kubeconfigFor(server) })).rejects.toMatchObject({
        status: 422,
        fields: { kubeconfig: expect.stringMatching(/cluster server that cannot be used: .*(loopback|link-local|unspecified|cloud metadata) address/) },
      });
    const dc = { displayName: "Inside", region: "r", harborUsername: "admin", harborPassword: "pw" };
    for (const harborUrl of ["http://169.254.169.254/latest/meta-data", "http://localhost:8080", "http://127.0.0.1"])
      await expect(registerDataCentre(world.as.platformAdmin, { name: "inside", ...dc, harborUrl })).rejects.toMatchObject({
        status: 422,
        fields: { harborUrl: expect.stringMatching(/(loopback|link-local) address/) },
      });
    const bj1 = await getDataCentre(world.as.platformAdmin, "bj1");
    await expect(
      updateDataCentre(world.as.platformAdmin, "bj1", { harborUrl: "http://169.254.169.254", harborPassword: "pw", version: bj1.version }),
    ).rejects.toMatchObject({ status: 422, fields: { harborUrl: expect.stringContaining("link-local") } });
    expect(await world.db.cluster.count({ where: { name: "inside" } })).toBe(0);
    expect(await world.db.dataCentre.count({ where: { name: "inside" } })).toBe(0);
  });

  it("refuses URLs with credentials, a query string or a fragment, whatever the allow-list", async () => {
    const dc = { displayName: "Odd", region: "r", harborUsername: "admin", harborPassword: "pw" };
    for (const [harborUrl, reason] of <[string, string][]>[
      ["http://u:p@harbor.example", "user name"],
      ["http://harbor.example/?x=1", "query string"],
      ["http://harbor.example/#f", "fragment"],
    ])
      await expect(registerDataCentre(world.as.platformAdmin, { name: "odd", ...dc, harborUrl })).rejects.toMatchObject({
        status: 422,
        fields: { harborUrl: expect.stringContaining(reason) },
      });
    for (const [server, reason] of <[string, string][]>[
      ["https://10.0.0.1:6443/anything?x=", "query string"],
      ["https://10.0.0.1:6443/#x", "fragment"],
      ["https://u:p@10.0.0.1:6443", "user name"],
    ])
      await expect(registerCluster(world.as.platformAdmin, { name: "odd", dataCentre: "bj1", kubeconfig: kubeconfigFor(server) })).rejects.toMatchObject({
        status: 422,
        fields: { kubeconfig: expect.stringContaining(reason) },
      });
  });

  it("refuses at call time a cluster whose address has become denied, and says so without details", async () => {
    const c = await registerCluster(world.as.platformAdmin, { name: "bj1-later", dataCentre: "bj1", kubeconfig: kubeconfigFor("https://localhost:9") });
    vi.stubEnv("CAPSTAN_OUTBOUND_ALLOW", "");
    const checked = await checkCluster(world.as.ops, "bj1-later");
    expect(checked.status).toBe("UNREACHABLE");
    expect(checked.lastError).toBe("the cluster's address is not allowed by the outbound policy (CAPSTAN_OUTBOUND_ALLOW)");
    expect(checked).toMatchObject({ lastErrorReason: "outbound_refused", lastErrorParams: {} }); // for the portal's catalogues
    vi.unstubAllEnvs();
    // Allowed again, a closed port is told as every other failure: no port-scanner oracle.
    expect(await checkCluster(world.as.ops, "bj1-later")).toMatchObject({
      lastError: "the cluster did not answer as a Kubernetes API server",
      lastErrorReason: "not_kubernetes",
    });
    await expect(
      updateCluster(world.as.platformAdmin, "bj1-later", { kubeconfig: kubeconfigFor("http://169.254.169.254"), version: c.version }),
    ).rejects.toMatchObject({ status: 422 });
  });
});

describe("what readers see", () => {
  it("gives endpoints, last errors and the Harbor account to platform roles only", async () => {
    await registerCluster(world.as.platformAdmin, { name: "bj1-seen", dataCentre: "bj1", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
    await checkCluster(world.as.ops, "bj1-seen");
    for (const role of ["platformAdmin", "ops"] as const) {
      expect(await getCluster(world.as[role], "bj1-seen")).toMatchObject({
        apiEndpoint: "http://127.0.0.1:9",
        lastError: expect.any(String),
        status: "UNREACHABLE",
      });
      expect((await listDataCentres(world.as[role], {})).items.find((d) => d.name === "bj1")).toMatchObject({ harborUsername: "admin" });
    }
    for (const role of ["departmentAdmin", "developer", "viewer"] as const) {
      const one = await getCluster(world.as[role], "bj1-seen");
      const many = (await listClusters(world.as[role], {})).items;
      const dcs = [await getDataCentre(world.as[role], "bj1"), ...(await listDataCentres(world.as[role], {})).items];
      expect(one).toMatchObject({ name: "bj1-seen", status: "UNREACHABLE" });
      for (const c of [one, ...many]) expect(Object.keys(c)).not.toEqual(expect.arrayContaining(["apiEndpoint"]));
      for (const c of [one, ...many]) for (const key of ["lastError", "lastErrorReason", "lastErrorParams"]) expect(c).not.toHaveProperty(key);
      for (const d of dcs) expect(d).not.toHaveProperty("harborUsername");
      expect(JSON.stringify([one, many, dcs])).not.toContain("127.0.0.1:9");
    }
  });

  it("answers a viewer's image listing against a failing Harbor with a 502 that carries the status, not the body", async () => {
    const harbor = http.createServer((_req, res) => res.writeHead(500, { "content-type": "text/html" }).end("<h1>internal: db=10.9.8.7 password=hunter2</h1>"));
    await new Promise<void>((r) => harbor.listen(0, "127.0.0.1", r));
    const port = (harbor.address() as AddressInfo).port;
    try {
      await registerDataCentre(world.as.platformAdmin, {
        name: "sh1",
        displayName: "Shanghai 1",
        region: "cn-east",
        harborUrl: `http://127.0.0.1:${port}`,
        harborUsername: "admin",
        harborPassword: "pw",
      });
      const e = (await listImageTags(world.as.viewer, "shop", "storefront", "sh1").catch((x: unknown) => x)) as { status: number; message: string };
      expect(e.status).toBe(502);
      expect(e.message).toBe("The registry of sh1 answered 500.");
      harbor.close();
      harbor.closeAllConnections();
      const down = (await listImageTags(world.as.viewer, "shop", "storefront", "sh1").catch((x: unknown) => x)) as { status: number; message: string };
      expect(down).toMatchObject({ status: 502, message: "The registry of sh1 could not be reached." });
    } finally {
      harbor.close();
    }
  });
});
