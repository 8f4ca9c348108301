// Harbor REST + OCI distribution, exercised with fetch and with the real skopeo binary.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { execFile, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { testSim, type TestSim } from "../testing.js";

let sim: TestSim;
let url: string, auth: string, host: string, creds: string;
beforeAll(async () => {
  sim = await testSim({ nodes: 1 });
  const info = JSON.parse(fs.readFileSync(path.join(sim.dir, "dc1.registry.json"), "utf8"));
  url = info.url;
  host = new URL(url).host;
  creds = `${info.username}:${info.password}`;
  auth = `Basic ${Buffer.from(creds).toString("base64")}`;
});
afterAll(() => sim.stop());

const api = (p: string, init: RequestInit = {}) =>
  fetch(`${url}/api/v2.0${p}`, { ...init, headers: { authorization: auth, "content-type": "application/json", ...init.headers } });
const sha = (b: Buffer) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

/** Hand-built OCI image layout with one gzip'd tar layer. */
function ociLayout(dir: string, tag: string, text: string) {
  const work = path.join(dir, "work");
  fs.mkdirSync(work, { recursive: true });
  fs.writeFileSync(path.join(work, "hello.txt"), text);
  execFileSync("tar", ["-cf", path.join(dir, "layer.tar"), "-C", work, "hello.txt"]);
  const tar = fs.readFileSync(path.join(dir, "layer.tar"));
  execFileSync("gzip", ["-n", "-f", path.join(dir, "layer.tar")]);
  const layer = fs.readFileSync(path.join(dir, "layer.tar.gz"));
  const config = Buffer.from(
    JSON.stringify({ architecture: "amd64", os: "linux", config: { Cmd: ["/hello"] }, rootfs: { type: "layers", diff_ids: [sha(tar)] } }),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: sha(config), size: config.length },
      layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: sha(layer), size: layer.length }],
    }),
  );
  const blobs = path.join(dir, "layout", "blobs", "sha256");
  fs.mkdirSync(blobs, { recursive: true });
  for (const b of [layer, config, manifest]) fs.writeFileSync(path.join(blobs, sha(b).slice(7)), b);
  fs.writeFileSync(path.join(dir, "layout", "oci-layout"), '{"imageLayoutVersion":"1.0.0"}');
  fs.writeFileSync(
    path.join(dir, "layout", "index.json"),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          digest: sha(manifest),
          size: manifest.length,
          annotations: { "org.opencontainers.image.ref.name": tag },
        },
      ],
    }),
  );
  return { layout: path.join(dir, "layout"), digest: sha(manifest), layer: sha(layer) };
}

const skopeo = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile("skopeo", ["--insecure-policy", ...args], { timeout: 60_000 }, (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr })),
  );
const hasSkopeo = (() => {
  try {
    execFileSync("skopeo", ["--version"]);
    return true;
  } catch {
    return false;
  }
})();

describe("Harbor API", () => {
  it("health and systeminfo without auth; 401 in Harbor error format otherwise", async () => {
    expect(await (await fetch(`${url}/api/v2.0/health`)).json()).toMatchObject({ status: "healthy" });
    expect((await (await fetch(`${url}/api/v2.0/systeminfo`)).json()).harbor_version).toMatch(/^v2\./);
    const r = await fetch(`${url}/api/v2.0/projects`);
    expect(r.status).toBe(401);
    expect(await r.json()).toEqual({ errors: [{ code: "UNAUTHORIZED", message: "unauthorized" }] });
  });

  it("projects: create, conflict, quota, list, delete", async () => {
    expect(
      (await api("/projects", { method: "POST", body: JSON.stringify({ project_name: "team-a", metadata: { public: "false" }, storage_limit: 10_000_000 }) }))
        .status,
    ).toBe(201);
    const dup = await api("/projects", { method: "POST", body: JSON.stringify({ project_name: "team-a" }) });
    expect(dup.status).toBe(409);
    expect((await dup.json()).errors[0]).toMatchObject({ code: "CONFLICT", message: "The project named team-a already exists" });
    expect((await api("/projects", { method: "POST", body: JSON.stringify({ project_name: "Bad Name" }) })).status).toBe(400);
    const list = await api("/projects?page_size=50");
    expect(list.headers.get("x-total-count")).toBe("2");
    const proj = await (await api("/projects/team-a")).json();
    const quotas = await (await api(`/quotas?reference=project&reference_id=${proj.project_id}`)).json();
    expect(quotas[0].hard.storage).toBe(10_000_000);
    await api("/projects", { method: "POST", body: JSON.stringify({ project_name: "tmp" }) });
    expect((await api("/projects/tmp", { method: "DELETE" })).status).toBe(200);
    expect((await api("/projects/tmp")).status).toBe(404);
  });

  it("robot accounts", async () => {
    const r = await api("/robots", {
      method: "POST",
      body: JSON.stringify({
        name: "ci",
        level: "project",
        duration: -1,
        permissions: [
          {
            kind: "project",
            namespace: "team-a",
            access: [
              { resource: "repository", action: "pull" },
              { resource: "repository", action: "push" },
            ],
          },
        ],
      }),
    });
    expect(r.status).toBe(201);
    const robot = await r.json();
    expect(robot.name).toBe("robot$team-a+ci");
    expect(robot.secret).toBeTruthy();
    const ping = await fetch(`${url}/v2/`, { headers: { authorization: `Basic ${Buffer.from(`${robot.name}:${robot.secret}`).toString("base64")}` } });
    expect(ping.status).toBe(200);
    const bad = await fetch(`${url}/v2/`, { headers: { authorization: `Basic ${Buffer.from("admin:wrong").toString("base64")}` } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get("www-authenticate")).toContain("Basic");
    const found = await (await api(`/robots?q=${encodeURIComponent("name=robot$team-a+ci")}`)).json();
    expect(found.map((x: { name: string }) => x.name)).toEqual(["robot$team-a+ci"]);
    expect(await (await api(`/robots?q=${encodeURIComponent("name=robot$team-a")}`)).json()).toEqual([]);
  });

  it("robot secrets are refreshed (RefreshSec): a generated one is answered once, a given one must be strong", async () => {
    const made = await (
      await api("/robots", {
        method: "POST",
        body: JSON.stringify({
          name: "rot",
          level: "project",
          permissions: [{ kind: "project", namespace: "team-a", access: [{ resource: "repository", action: "pull" }] }],
        }),
      })
    ).json();
    const ping = (secret: string) => fetch(`${url}/v2/`, { headers: { authorization: `Basic ${Buffer.from(`${made.name}:${secret}`).toString("base64")}` } });
    const refreshed = await api(`/robots/${made.id}`, { method: "PATCH", body: JSON.stringify({ secret: "" }) });
    expect(refreshed.status).toBe(200);
    const { secret } = await refreshed.json();
    expect(secret).toBeTruthy();
    expect((await ping(made.secret)).status).toBe(401);
    expect((await ping(secret)).status).toBe(200);
    expect((await api(`/robots/${made.id}`, { method: "PATCH", body: JSON.stringify({ secret: "weak" }) })).status).toBe(400);
    expect(await (await api(`/robots/${made.id}`, { method: "PATCH", body: JSON.stringify({ secret: "Strong-Secret-1" }) })).json()).toEqual({ secret: "" });
    expect((await ping("Strong-Secret-1")).status).toBe(200);
    expect((await api("/robots/999999", { method: "PATCH", body: "{}" })).status).toBe(404);
  });

  it("lists say where their next page is (Link), and the audit log names who pushed", async () => {
    await api("/projects", { method: "POST", body: JSON.stringify({ project_name: "paged" }) });
    const cfg = Buffer.from("{}");
    await fetch(`${url}/v2/paged/app/blobs/uploads/?digest=${sha(cfg)}`, { method: "POST", headers: { authorization: auth }, body: cfg });
    for (let i = 0; i < 3; i++) {
      const man = JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: sha(cfg), size: 2 },
        layers: [],
        annotations: { i: String(i) },
      });
      await fetch(`${url}/v2/paged/app/manifests/v${i}`, {
        method: "PUT",
        headers: { authorization: auth, "content-type": "application/vnd.oci.image.manifest.v1+json" },
        body: man,
      });
    }
    const first = await api("/projects/paged/repositories/app/artifacts?page_size=2");
    expect(await first.json()).toHaveLength(2);
    const next = first.headers.get("link")!.match(/^<([^>]+)>; rel="next"$/)![1]!;
    const second = await fetch(`${url}${next}`, { headers: { authorization: auth } });
    expect(await second.json()).toHaveLength(1);
    expect(second.headers.get("link")).toBeNull();
    const logs = await (await api(`/projects/paged/logs?q=${encodeURIComponent("operation=create,resource=~paged/app:")}&page_size=10`)).json();
    expect(logs.map((l: { resource: string; username: string }) => [l.resource, l.username])).toEqual([
      ["paged/app:v2", "admin"],
      ["paged/app:v1", "admin"],
      ["paged/app:v0", "admin"],
    ]);
  });

  it("OCI: chunked upload, manifest by tag/digest, tags list, catalog, artifacts API", async () => {
    const h = { authorization: auth };
    const blob = Buffer.from("hello blob");
    const start = await fetch(`${url}/v2/team-a/app/blobs/uploads/`, { method: "POST", headers: h });
    expect(start.status).toBe(202);
    const loc = start.headers.get("location")!;
    const patch = await fetch(`${url}${loc}`, { method: "PATCH", headers: { ...h, "content-range": "0-4" }, body: blob.subarray(0, 5) });
    expect(patch.headers.get("range")).toBe("0-4");
    const put = await fetch(`${url}${patch.headers.get("location")}?digest=${sha(blob)}`, { method: "PUT", headers: h, body: blob.subarray(5) });
    expect(put.status).toBe(201);
    const cfg = Buffer.from("{}");
    expect((await fetch(`${url}/v2/team-a/app/blobs/uploads/?digest=${sha(cfg)}`, { method: "POST", headers: h, body: cfg })).status).toBe(201);
    const man = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: sha(cfg), size: 2 },
        layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar", digest: sha(blob), size: blob.length }],
      }),
    );
    const mp = await fetch(`${url}/v2/team-a/app/manifests/1.0`, {
      method: "PUT",
      headers: { ...h, "content-type": "application/vnd.oci.image.manifest.v1+json" },
      body: man,
    });
    expect(mp.status).toBe(201);
    expect(mp.headers.get("docker-content-digest")).toBe(sha(man));
    const missing = await fetch(`${url}/v2/team-a/app/manifests/2.0`, {
      method: "PUT",
      headers: { ...h, "content-type": "application/vnd.oci.image.manifest.v1+json" },
      body: man.toString().replace(sha(blob), `sha256:${"0".repeat(64)}`),
    });
    expect((await missing.json()).errors[0].code).toBe("MANIFEST_BLOB_UNKNOWN");
    expect((await fetch(`${url}/v2/team-a/app/manifests/${sha(man)}`, { headers: h })).status).toBe(200);
    expect((await fetch(`${url}/v2/team-a/app/manifests/nope`, { headers: h })).status).toBe(404);
    expect(await (await fetch(`${url}/v2/team-a/app/tags/list`, { headers: h })).json()).toEqual({ name: "team-a/app", tags: ["1.0"] });
    expect((await (await fetch(`${url}/v2/_catalog`, { headers: h })).json()).repositories).toContain("team-a/app");
    const arts = await (await api("/projects/team-a/repositories/app/artifacts?with_tag=true")).json();
    expect(arts[0]).toMatchObject({ digest: sha(man), tags: [{ name: "1.0" }] });
    expect(
      (await api(`/projects/team-a/repositories/app/artifacts/${sha(man)}/tags`, { method: "POST", body: JSON.stringify({ name: "stable" }) })).status,
    ).toBe(201);
    const admin = { [host]: { username: "admin", password: sim.dataCentres[0].registryInfo.password } };
    expect(sim.dataCentres[0].registry.checkImage(`${host}/team-a/app:stable`, admin)).toBe("ok");
    expect(sim.dataCentres[0].registry.checkImage(`${host}/team-a/app:nope`, admin)).toBe("missing");
    expect(sim.dataCentres[0].registry.checkImage(`${host}/team-a/app:stable`)).toBe("unauthorized");
    expect(sim.dataCentres[0].registry.checkImage("docker.io/library/nginx:1")).toBe("foreign");
  });

  it("storage quota rejects pushes over the limit", async () => {
    await api("/projects", { method: "POST", body: JSON.stringify({ project_name: "tiny", storage_limit: 10 }) });
    const big = Buffer.alloc(100, 1);
    await fetch(`${url}/v2/tiny/x/blobs/uploads/?digest=${sha(big)}`, { method: "POST", headers: { authorization: auth }, body: big });
    const man = JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: sha(big), size: 100 },
      layers: [],
    });
    const r = await fetch(`${url}/v2/tiny/x/manifests/1`, {
      method: "PUT",
      headers: { authorization: auth, "content-type": "application/vnd.oci.image.manifest.v1+json" },
      body: man,
    });
    expect(r.status).toBe(403);
    expect((await r.json()).errors[0].message).toContain("exceed the configured upper limit of 10");
  });
});

describe.skipIf(!hasSkopeo)("skopeo against the simulated registry", () => {
  it("copies an OCI layout in by tag and out by tag and by digest; pods can then pull it", async () => {
    const { layout, digest } = ociLayout(path.join(sim.dir, "img"), "v1", "hi from the sim");
    const push = await skopeo(["copy", "--dest-tls-verify=false", "--dest-creds", creds, `oci:${layout}:v1`, `docker://${host}/library/hello:v1`]);
    expect(push.stderr).toBe("");
    expect(push.code).toBe(0);
    const inspect = await skopeo(["inspect", "--tls-verify=false", "--creds", creds, `docker://${host}/library/hello:v1`]);
    expect(JSON.parse(inspect.stdout).Digest).toBe(digest);
    const byTag = await skopeo(["copy", "--src-tls-verify=false", "--src-creds", creds, `docker://${host}/library/hello:v1`, `oci:${sim.dir}/out1:v1`]);
    expect(byTag.code).toBe(0);
    const byDigest = await skopeo(["copy", "--src-tls-verify=false", `docker://${host}/library/hello@${digest}`, `oci:${sim.dir}/out2:d`]);
    expect(byDigest.code).toBe(0); // library is public: anonymous pull
    const idx = JSON.parse(fs.readFileSync(`${sim.dir}/out2/index.json`, "utf8"));
    expect(idx.manifests[0].digest).toBe(digest);
    const tags = await skopeo(["list-tags", "--tls-verify=false", "--creds", creds, `docker://${host}/library/hello`]);
    expect(JSON.parse(tags.stdout).Tags).toEqual(["v1"]);
    expect(sim.dataCentres[0].registry.checkImage(`${host}/library/hello:v1`)).toBe("ok");
  }, 60_000);
});
