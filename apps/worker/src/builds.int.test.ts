// Image builds end to end (docs/builds.md): the worker runs a build Job in the simulated cluster, whose
// kubelet really clones with git and builds and pushes with buildah to the simulated Harbor. Real
// PostgreSQL, the worker in-process.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { cancelBuild, createBuild, getBuild } from "@capstan/usecases";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admitNodes, simulatedWorld, waitFor } from "./testing";
import { startWorker } from "./worker";

let env: Awaited<ReturnType<typeof simulatedWorld>>;
let worker: Awaited<ReturnType<typeof startWorker>>;
let repo: string;
let hanging: net.Server;
const sockets = new Set<net.Socket>();

const git = (...args: string[]) =>
  execFileSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com", ...args])
    .toString()
    .trim();

beforeAll(async () => {
  env = await simulatedWorld({ nodes: 6 });
  repo = fs.mkdtempSync(path.join(os.tmpdir(), "build-repo-"));
  git("init", "--quiet", "--initial-branch=main");
  fs.writeFileSync(path.join(repo, "Dockerfile"), "FROM scratch\nCOPY hello.txt /hello.txt\n");
  fs.writeFileSync(path.join(repo, "hello.txt"), "hello\n");
  git("add", ".");
  git("commit", "--quiet", "-m", "first");
  // A branch whose build step fails: scratch has no shell to RUN anything with.
  git("checkout", "--quiet", "-b", "broken");
  fs.writeFileSync(path.join(repo, "Dockerfile"), "FROM scratch\nRUN true\n");
  git("commit", "--quiet", "-am", "broken");
  git("checkout", "--quiet", "main");
  await env.db.application.updateMany({ where: { name: "storefront" }, data: { gitRepository: `file://${repo}` } });
  // A git server that accepts connections and never answers: builds of it run until cancelled.
  hanging = net.createServer((s) => sockets.add(s)).listen(0, "127.0.0.1");
  worker = await startWorker(env.db, env.url, { concurrency: 4, inventoryEveryMs: 500, resyncMinutes: 0, log: () => {} });
  await admitNodes(env.world, 6); // new nodes are cordoned until admitted (docs/nodes.md)
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  for (const s of sockets) s.destroy();
  hanging?.close();
  await env?.sim.stop();
  if (repo) fs.rmSync(repo, { recursive: true, force: true });
});

const ended = (id: string, timeoutMs = 60_000) =>
  waitFor(
    `build ${id} to end`,
    () => getBuild(env.world.as.developer, "shop", "storefront", id),
    (b) => ["SUCCEEDED", "FAILED", "CANCELLED"].includes(b.status),
    timeoutMs,
  );
const jobOf = (id: string) =>
  waitFor(
    `build ${id}'s Job`,
    () => env.db.build.findUniqueOrThrow({ where: { id } }),
    (b) => !!b.jobName,
  );

describe("builds", () => {
  it("a build of the application's branch lands in the data centre's Harbor with the recorded digest, and leaves nothing behind", async () => {
    const queued = await createBuild(env.world.as.developer, "shop", "storefront", {});
    expect(queued).toMatchObject({ status: "QUEUED", ref: "main", trigger: "USER", triggeredBy: "dev", dataCentre: "dc1" });
    const b = await ended(queued.id);
    const commit = git("rev-parse", "main");
    expect(b).toMatchObject({ status: "SUCCEEDED", commit, tag: commit.slice(0, 7) });
    const registry = env.sim.dataCentres[0]!.registry;
    expect(registry.repos.get("shop/storefront")?.tags.get(commit.slice(0, 7))?.digest).toBe(b.digest);
    // Cleaned up right after the outcome is recorded.
    const row = await waitFor(
      "the build's clean-up",
      () => env.db.build.findUniqueOrThrow({ where: { id: b.id } }),
      (r) => r.jobName === null,
    );
    expect(row.log).toContain(`@${b.digest}`);
    // The Job, its Secret and the per-build robot are gone.
    const store = env.sim.clusters[0]!.store;
    expect(store.get("batch/jobs", "capstan-builds", `build-${b.id}`)).toBeUndefined();
    expect(store.get("secrets", "capstan-builds", `build-${b.id}`)).toBeUndefined();
    expect([...registry.robots.values()].filter((r) => r.name.includes(b.id))).toEqual([]);
    // The same commit is built once.
    expect((await createBuild(env.world.as.developer, "shop", "storefront", { ref: commit })).id).toBe(b.id);
  }, 90_000);

  it("the same commit and Dockerfile are built once when asked for by branch too: at once, or after it was built", async () => {
    const dev = env.world.as.developer;
    // Two at once: the second waits while the branch builds, then finds its commit built.
    const [x, y] = await Promise.all([createBuild(dev, "shop", "storefront", { tag: "twice" }), createBuild(dev, "shop", "storefront", { tag: "twice" })]);
    expect(x.id).not.toBe(y.id);
    const [bx, by] = [await ended(x.id, 120_000), await ended(y.id, 120_000)];
    const [first, second] = bx.number < by.number ? [bx, by] : [by, bx];
    expect(first).toMatchObject({ status: "SUCCEEDED", tag: "twice", message: null });
    expect(second).toMatchObject({ status: "SUCCEEDED", tag: "twice", commit: first.commit, digest: first.digest });
    expect(second.message).toMatch(/built before/);
    expect(env.sim.dataCentres[0]!.registry.repos.get("shop/storefront")?.tags.get("twice")?.digest).toBe(first.digest);
    // Later, by branch and without a tag: the image built first is the answer, its tag and digest unchanged.
    const again = await ended((await createBuild(dev, "shop", "storefront", {})).id);
    expect(again.message).toMatch(/built before/);
    expect(again.commit).toBe(first.commit);
    expect(env.sim.dataCentres[0]!.registry.repos.get("shop/storefront")?.tags.get(again.tag!)?.digest).toBe(again.digest);
  }, 180_000);

  it("a failing step and a missing branch end FAILED with their reason and the log kept", async () => {
    const [broken, missing] = await Promise.all([
      createBuild(env.world.as.developer, "shop", "storefront", { ref: "broken" }),
      createBuild(env.world.as.developer, "shop", "storefront", { ref: "no-such-branch" }),
    ]);
    const [b1, b2] = await Promise.all([ended(broken.id), ended(missing.id)]);
    expect([b1.status, b1.reason]).toEqual(["FAILED", "BuildFailed"]);
    expect([b2.status, b2.reason]).toEqual(["FAILED", "RefNotFound"]);
    // The broken build failed after its checkout, so its page names the commit; the missing branch has none.
    expect(b1.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(b2.commit).toBeNull();
    expect((await env.db.build.findUniqueOrThrow({ where: { id: b1.id } })).log).toContain("buildah");
    expect((await env.db.build.findUniqueOrThrow({ where: { id: b2.id } })).log).toContain("git could not fetch no-such-branch");
  }, 90_000);

  it("builds of a system beyond its slots wait in order; a running build and a queued one are cancelled", async () => {
    await env.db.dataCentre.updateMany({ data: { buildsPerSystem: 1 } });
    const port = (hanging.address() as net.AddressInfo).port;
    await env.db.application.updateMany({ where: { name: "storefront" }, data: { gitRepository: `http://127.0.0.1:${port}/shop.git` } });
    try {
      const first = await createBuild(env.world.as.developer, "shop", "storefront", { ref: "one" });
      const second = await createBuild(env.world.as.developer, "shop", "storefront", { ref: "two" });
      await jobOf(first.id);
      expect((await getBuild(env.world.as.developer, "shop", "storefront", second.id)).status).toBe("QUEUED");
      const store = env.sim.clusters[0]!.store;
      expect(store.get("batch/jobs", "capstan-builds", `build-${first.id}`)).toBeDefined();
      await cancelBuild(env.world.as.developer, "shop", "storefront", first.id);
      expect(await ended(first.id)).toMatchObject({ status: "CANCELLED", reason: "Cancelled" });
      expect(store.get("batch/jobs", "capstan-builds", `build-${first.id}`)).toBeUndefined();
      // The slot is free: the second starts, and is cancelled while it runs.
      await jobOf(second.id);
      await cancelBuild(env.world.as.developer, "shop", "storefront", second.id);
      expect(await ended(second.id)).toMatchObject({ status: "CANCELLED" });
    } finally {
      await env.db.dataCentre.updateMany({ data: { buildsPerSystem: 2 } });
    }
  }, 90_000);
});
