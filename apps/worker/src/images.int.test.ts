// Registry access, the tags view and promotion by digest (packages/usecases/src/images), against three
// simulated Harbors and the real skopeo: what a CI job and a developer would do, checked from outside
// Capstan. Here rather than beside the use cases because it runs the simulator, as the worker's tests do.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { ImageTagsSchema } from "@capstan/domain";
import { copyImage, pushMinimalImage } from "@capstan/orchestrator";
import { Registry } from "@capstan/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../tests/database";
import {
  createGroup,
  createPushRobot,
  deleteImageTag,
  deletePushRobot,
  getSystemRegistry,
  listImages,
  listImageTags,
  promoteImage,
  registerCluster,
  registerDataCentre,
  rotatePushRobot,
} from "@capstan/usecases";
import { buildWorld, grantQuota, kubeconfigFor, type World } from "../../../packages/usecases/src/testing/fixtures";
import { writeOciLayout } from "../../../packages/usecases/src/testing/oci-layout";

const skopeo = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile("skopeo", ["--insecure-policy", ...args], { timeout: 60_000 }, (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr })),
  );
/** The digest skopeo reads for an image: of the manifest list itself for an index (`--raw` is what the tag names). */
async function inspectDigest(reg: Registry, image: string, creds = `admin:${reg.password}`) {
  const out = await skopeo(["inspect", "--tls-verify=false", "--creds", creds, "--format", "{{.Digest}}", `docker://${reg.host}/${image}`]);
  expect(out.stderr).toBe("");
  return out.stdout.trim();
}
const rawDigest = async (reg: Registry, image: string) => {
  const out = await skopeo(["inspect", "--raw", "--tls-verify=false", "--creds", `admin:${reg.password}`, `docker://${reg.host}/${image}`]);
  expect(out.code).toBe(0);
  return `sha256:${(await import("node:crypto")).createHash("sha256").update(out.stdout).digest("hex")}`;
};

let world: World;
const registries: Registry[] = [];
let dc1: Registry, dc2: Registry, dc3: Registry;
let tmp: string;
const dev = () => world.as.developer;

beforeAll(async () => {
  for (const name of ["dc1", "dc2", "dc3"]) {
    const r = new Registry({ name, host: "127.0.0.1", port: 0 });
    await r.start();
    registries.push(r);
  }
  [dc1, dc2, dc3] = registries as [Registry, Registry, Registry];
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "capstan-images-"));
  const { db } = await testDatabase();
  world = await buildWorld(db);
  for (const r of registries)
    await registerDataCentre(world.as.platformAdmin, {
      name: r.name,
      displayName: r.name,
      region: "r",
      harborUrl: r.url,
      harborUsername: "admin",
      harborPassword: r.password,
    });
  // Quotas in dc1 and dc2 only: dc3 is where shop may not go. A cluster in dc1 for a group's revision.
  await grantQuota(world, "dc1");
  await grantQuota(world, "dc2");
  await registerCluster(world.as.platformAdmin, { name: "dc1-a", dataCentre: "dc1", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
  // The project the project controller would have made (the worker does not run here).
  dc1.createProject("shop", false, -1);
});
afterAll(async () => {
  await Promise.all(registries.map((r) => r.stop()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("push robots", () => {
  it("a developer makes one per data centre; its secret pushes once shown; rotation replaces it; deletion ends it", async () => {
    const made = await createPushRobot(dev(), "shop", { dataCentre: "dc1", name: "ci" });
    expect(made).toMatchObject({ dataCentre: "dc1", registry: dc1.host, name: "ci", username: "robot$shop+ci" });
    const layout = path.join(tmp, "robot");
    writeOciLayout(layout, "v1", [randomBytes(2048)]);
    const push = (secret: string, tag: string) =>
      skopeo([
        "copy",
        "--dest-tls-verify=false",
        "--dest-creds",
        `${made.username}:${secret}`,
        `oci:${layout}:v1`,
        `docker://${dc1.host}/shop/storefront:${tag}`,
      ]);
    expect((await push(made.secret, "by-robot")).code).toBe(0);
    // Push only to its own project.
    expect(
      (
        await skopeo([
          "copy",
          "--dest-tls-verify=false",
          "--dest-creds",
          `${made.username}:${made.secret}`,
          `oci:${layout}:v1`,
          `docker://${dc1.host}/library/x:1`,
        ])
      ).code,
    ).toBe(1);

    const access = await getSystemRegistry(dev(), "shop");
    expect(access.dataCentres.map((d) => d.dataCentre)).toEqual(["dc1", "dc2"]);
    const robot = access.dataCentres[0]!.robots.find((r) => r.name === "ci");
    expect(robot).toEqual({
      name: "ci",
      username: "robot$shop+ci",
      permissions: ["repository:push", "repository:pull"],
      description: `Capstan: push robot made by ${dev().actor.email}`,
      createdAt: expect.any(String),
      expiresAt: null,
      managed: false,
    });
    expect(JSON.stringify(access)).not.toContain(made.secret);
    await expect(createPushRobot(dev(), "shop", { dataCentre: "dc1", name: "ci" })).rejects.toMatchObject({ status: 409, reason: "push_robot_exists" });

    const rotated = await rotatePushRobot(dev(), "shop", "dc1", "ci");
    expect(rotated.secret).not.toBe(made.secret);
    expect((await push(made.secret, "old-secret")).code).toBe(1);
    expect((await push(rotated.secret, "new-secret")).code).toBe(0);

    await deletePushRobot(dev(), "shop", "dc1", "ci");
    expect((await push(rotated.secret, "deleted")).code).toBe(1);
    await expect(rotatePushRobot(dev(), "shop", "dc1", "ci")).rejects.toMatchObject({ status: 404, reason: "push_robot_not_found" });

    const audit = await world.db.auditEvent.findMany({ where: { action: { startsWith: "registry.robot." } }, orderBy: { id: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["registry.robot.create", "registry.robot.rotate", "registry.robot.delete"]);
    const written = JSON.stringify(audit.map((e) => [e.before, e.after]));
    expect(written).not.toContain(made.secret);
    expect(written).not.toContain(rotated.secret);
  });

  it("refuses where the system has no quota (409), names Capstan keeps (422), and Capstan's pull robot (404)", async () => {
    await expect(createPushRobot(dev(), "shop", { dataCentre: "dc3", name: "ci" })).rejects.toMatchObject({ status: 409, reason: "no_registry_quota" });
    await expect(createPushRobot(dev(), "shop", { dataCentre: "dc1", name: "capstan-pull" })).rejects.toMatchObject({ status: 422 });
    await expect(createPushRobot(dev(), "shop", { dataCentre: "dc1", name: "Bad Name" })).rejects.toMatchObject({ status: 422 });
    await expect(rotatePushRobot(dev(), "shop", "dc1", "capstan-pull")).rejects.toMatchObject({ status: 404 });
  });
});

describe("promotion by digest", () => {
  it("copies an image to another data centre with the same digest, as skopeo sees it in both", async () => {
    const layout = path.join(tmp, "single");
    writeOciLayout(layout, "1.0", [randomBytes(300_000), randomBytes(1000)]);
    const creds = `admin:${dc1.password}`;
    expect(
      (await skopeo(["copy", "--dest-tls-verify=false", "--dest-creds", creds, `oci:${layout}:1.0`, `docker://${dc1.host}/shop/storefront:1.0`])).code,
    ).toBe(0);
    const before = await inspectDigest(dc1, "shop/storefront:1.0");

    const promoted = await promoteImage(dev(), "shop", "storefront", { tag: "1.0", from: "dc1", to: ["dc2"] });
    expect(promoted).toMatchObject({ from: "dc1", digest: before, tag: "1.0", targets: [{ dataCentre: "dc2", digest: before, blobsSent: 3 }] });
    expect(await inspectDigest(dc2, "shop/storefront:1.0")).toBe(before);
    expect(await inspectDigest(dc2, `shop/storefront@${before}`)).toBe(before);

    // Again: nothing new to send.
    const again = await promoteImage(dev(), "shop", "storefront", { digest: before, from: "dc1", to: ["dc2"] });
    expect(again.targets[0]).toMatchObject({ blobsSent: 0, blobsPresent: 3 });
    const audit = await world.db.auditEvent.findFirstOrThrow({ where: { action: "image.promote" } });
    expect(audit.after).toMatchObject({ from: "dc1", to: "dc2", digest: before, tag: "1.0" });
  });

  it("copies a multi-arch index with each platform's manifest", async () => {
    const layout = path.join(tmp, "multi");
    const platforms = [
      { os: "linux", architecture: "amd64" },
      { os: "linux", architecture: "arm64" },
    ];
    writeOciLayout(layout, "2.0", [randomBytes(5000)], platforms);
    const creds = `admin:${dc1.password}`;
    expect(
      (await skopeo(["copy", "--all", "--dest-tls-verify=false", "--dest-creds", creds, `oci:${layout}:2.0`, `docker://${dc1.host}/shop/storefront:2.0`])).code,
    ).toBe(0);
    const index = dc1.repos.get("shop/storefront")!.tags.get("2.0")!.digest;
    expect(await rawDigest(dc1, "shop/storefront:2.0")).toBe(index);

    await promoteImage(dev(), "shop", "storefront", { tag: "2.0", from: "dc1", to: ["dc2"] });
    expect(await rawDigest(dc2, "shop/storefront:2.0")).toBe(index);
    // Each platform's image pulls in the target (skopeo picks one by --override-arch).
    for (const arch of ["amd64", "arm64"]) {
      const one = await skopeo([
        "inspect",
        "--override-arch",
        arch,
        "--tls-verify=false",
        "--creds",
        `admin:${dc2.password}`,
        `docker://${dc2.host}/shop/storefront:2.0`,
      ]);
      expect(one.code).toBe(0);
      expect(JSON.parse(one.stdout).Architecture).toBe(arch);
    }
  });

  it("refuses a target where the system has no quota (409) and copies nothing; an unknown image is a 404", async () => {
    await expect(promoteImage(dev(), "shop", "storefront", { tag: "1.0", from: "dc1", to: ["dc3"] })).rejects.toMatchObject({
      status: 409,
      reason: "no_registry_quota",
      params: { system: "shop", dataCentre: "dc3" },
    });
    expect(dc3.repos.size).toBe(0);
    await expect(promoteImage(dev(), "shop", "storefront", { tag: "nope", from: "dc1", to: ["dc2"] })).rejects.toMatchObject({
      status: 404,
      reason: "image_not_found",
    });
    await expect(promoteImage(dev(), "shop", "storefront", { tag: "1.0", from: "dc1", to: ["dc1"] })).rejects.toMatchObject({ status: 422 });
  });
});

describe("copying an image", () => {
  it("sends again a request the registry never saw because it closed the kept-alive connection we reused", async () => {
    const target = new Registry({ name: "dc-idle", host: "127.0.0.1", port: 0 });
    await target.start();
    registries.push(target);
    target.createProject("shop", false, -1);
    // In front of it, a registry whose idle timeout fires just as a kept-alive connection is reused: every
    // connection is closed, unanswered, when a second request arrives on it.
    const served = new WeakMap<object, number>();
    const front = http.createServer((req, res) => {
      const n = served.get(req.socket) ?? 0;
      served.set(req.socket, n + 1);
      if (n > 0) return void req.socket.destroy();
      const upstream = http.request(new URL(req.url!, target.url), { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((r) => front.listen(0, "127.0.0.1", r));
    try {
      const digest = await pushMinimalImage(dc1.url, { username: "admin", password: dc1.password }, "shop/storefront", "idle", randomBytes(200_000));
      const url = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
      const copied = await copyImage(
        { url: dc1.url, username: "admin", password: dc1.password },
        { url, username: "admin", password: target.password },
        "shop/storefront",
        "idle",
      );
      expect(copied).toMatchObject({ digest, blobsSent: 2 });
    } finally {
      front.closeAllConnections();
      front.close();
    }
  });
});

describe("the tags view", () => {
  it("lists every tag in every data centre (more than 100), with sizes, pushers and whether digests agree", async () => {
    // 120 artifacts (Harbor pages artifacts, not tags: each tag its own manifest, told apart by an
    // annotation), pushed by the admin account through the OCI API.
    const manifest = await fetch(`${dc1.url}/v2/shop/storefront/manifests/1.0`, {
      headers: { authorization: basic(dc1), accept: "application/vnd.oci.image.manifest.v1+json" },
    });
    const doc = (await manifest.json()) as object;
    for (let i = 0; i < 120; i++) {
      const put = await fetch(`${dc1.url}/v2/shop/storefront/manifests/many-${i}`, {
        method: "PUT",
        headers: { authorization: basic(dc1), "content-type": "application/vnd.oci.image.manifest.v1+json" },
        body: JSON.stringify({ ...doc, annotations: { n: String(i) } }),
      });
      expect(put.status).toBe(201);
    }
    const view = await listImages(world.as.viewer, "shop", "storefront");
    expect(view.dataCentres).toEqual([
      { dataCentre: "dc1", registry: dc1.host, pushTo: `${dc1.host}/shop/storefront`, plainHttp: true, unavailable: false },
      { dataCentre: "dc2", registry: dc2.host, pushTo: `${dc2.host}/shop/storefront`, plainHttp: true, unavailable: false },
    ]);
    expect(view.tags.filter((t) => t.tag.startsWith("many-"))).toHaveLength(120);
    const one = view.tags.find((t) => t.tag === "1.0")!;
    expect(one.sameDigest).toBe(true);
    expect(one.copies.map((c) => c.dataCentre).sort()).toEqual(["dc1", "dc2"]);
    expect(one.copies[0]!.size).toBeGreaterThan(300_000);
    expect(one.copies.find((c) => c.dataCentre === "dc1")!.pushedBy).toBe("admin");
    expect(view.tags.find((t) => t.tag === "new-secret")!.copies[0]!.pushedBy).toBe("robot$shop+ci");
    expect(view.tags.find((t) => t.tag === "many-7")!.copies.map((c) => c.dataCentre)).toEqual(["dc1"]);
    // The one-data-centre list (the new-group form's) still answers what its strict response schema says.
    const one1 = await listImageTags(dev(), "shop", "storefront", "dc1");
    expect(ImageTagsSchema.safeParse(one1).success).toBe(true);
    expect(one1.items.filter((i) => i.tag.startsWith("many-"))).toHaveLength(120);
  });

  it("shows digests that differ between data centres", async () => {
    const layout = path.join(tmp, "other");
    writeOciLayout(layout, "1.0", [randomBytes(100)]);
    expect(
      (
        await skopeo([
          "copy",
          "--dest-tls-verify=false",
          "--dest-creds",
          `admin:${dc2.password}`,
          `oci:${layout}:1.0`,
          `docker://${dc2.host}/shop/storefront:1.0`,
        ])
      ).code,
    ).toBe(0);
    const view = await listImages(dev(), "shop", "storefront");
    expect(view.tags.find((t) => t.tag === "1.0")!.sameDigest).toBe(false);
  });

  it("refuses to delete a tag a group's current revision runs, naming the groups (409); deletes others", async () => {
    await createGroup(dev(), "shop", "storefront", { name: "web", dataCentre: "dc1", imageTag: "many-1", replicas: 1, cpu: "100m", memory: "128Mi" });
    await expect(deleteImageTag(dev(), "shop", "storefront", "many-1", "dc1")).rejects.toMatchObject({
      status: 409,
      reason: "image_tag_in_use",
      params: { tag: "many-1", groups: "web" },
    });
    expect((await listImages(dev(), "shop", "storefront")).tags.find((t) => t.tag === "many-1")!.usedBy).toEqual([{ group: "web", dataCentre: "dc1" }]);
    await deleteImageTag(dev(), "shop", "storefront", "many-2", "dc1");
    expect(dc1.repos.get("shop/storefront")!.tags.has("many-2")).toBe(false);
    expect(dc1.repos.get("shop/storefront")!.tags.has("many-1")).toBe(true);
    await expect(deleteImageTag(world.as.viewer, "shop", "storefront", "many-3", "dc1")).rejects.toMatchObject({ status: 403 });
  });

  it("refuses a tag that is no image tag with 422 naming it, and asks Harbor nothing ('..' would name the repository)", async () => {
    const tags = dc1.repos.get("shop/storefront")!.tags.size;
    for (const tag of ["..", ".", "a".repeat(129), "-x", "a/b"])
      await expect(deleteImageTag(dev(), "shop", "storefront", tag, "dc1"), tag).rejects.toMatchObject({
        status: 422,
        fieldReasons: { tag: expect.anything() },
      });
    expect(dc1.repos.get("shop/storefront")!.tags.size).toBe(tags);
  });
});

const basic = (r: Registry) => `Basic ${Buffer.from(`admin:${r.password}`).toString("base64")}`;
