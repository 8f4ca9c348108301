// The CLI prints "sim ready", writes kubeconfigs/registry files and exits cleanly on SIGTERM.
import { it, expect } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";

it("npm run sim: ready line, output files, request counts in /stats, loopback pod network, clean SIGTERM", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "simcli-"));
  const p = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(import.meta.dirname, "cli.ts"),
      "--data-centres",
      "2",
      "--clusters-per-dc",
      "1",
      "--nodes",
      "20",
      "--out",
      out,
      "--seed",
      "3",
      "--timings",
      '{"startMs":0}',
      "--pod-network",
      "loopback",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  p.stdout.on("data", (d) => (stdout += d));
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("no ready line")), 40_000);
    p.stdout.on("data", () => {
      if (stdout.includes("sim ready")) {
        clearTimeout(t);
        resolve();
      }
    });
  });
  expect(stdout.trim()).toBe("sim ready");
  expect(fs.readdirSync(out).sort()).toEqual(["admin.json", "dc1-c1.kubeconfig", "dc1.registry.json", "dc2-c1.kubeconfig", "dc2.registry.json"]);
  expect(JSON.parse(fs.readFileSync(path.join(out, "dc2.registry.json"), "utf8"))).toMatchObject({
    username: "admin",
    url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
  });
  const admin = JSON.parse(fs.readFileSync(path.join(out, "admin.json"), "utf8")).url;
  const kubeconfig = fs.readFileSync(path.join(out, "dc1-c1.kubeconfig"), "utf8");
  const server = kubeconfig.match(/server: (\S+)/)![1];
  const token = kubeconfig.match(/token: (\S+)/)![1];
  const { status, body } = await new Promise<{ status?: number; body: string }>((resolve, reject) =>
    https
      .get(`${server}/api/v1/nodes`, { headers: { authorization: `Bearer ${token}` }, rejectUnauthorized: false }, (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode, body }));
      })
      .on("error", reject),
  );
  expect(status).toBe(200);
  // --pod-network loopback: pod IPs come from 127.<octet>.<node>.0/24
  expect(JSON.parse(body).items[0].spec.podCIDR).toMatch(/^127\.([1-9]\d*)\.\d+\.0\/24$/);
  const stats = await (await fetch(`${admin}/stats`)).json();
  expect(stats.requests["dc1-c1"]).toEqual({ "GET nodes": 1 });
  expect(stats.requests.dc1).toEqual({});
  const code = await new Promise((resolve) => {
    p.on("exit", resolve);
    p.kill("SIGTERM");
  });
  expect(code).toBe(0);
  fs.rmSync(out, { recursive: true, force: true });
}, 60_000);

it("--timings accepts only known delays", () => {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "cli.ts"), "--out", os.tmpdir(), "--timings", '{"startMz":0}'], {
    encoding: "utf8",
  });
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain("startMz");
}, 30_000);

it("--pod-network accepts only cidr and loopback", () => {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "cli.ts"), "--out", os.tmpdir(), "--pod-network", "mesh"], {
    encoding: "utf8",
  });
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain("podNetwork");
}, 30_000);

it("--port-base assigns predictable ports", async () => {
  const { startSim } = await import("./sim.js");
  // below Linux's ephemeral range (32768+) so parallel tests' client sockets cannot collide
  const base = 20000 + Math.floor(Math.random() * 12000);
  const sim = await startSim({ dataCentres: 2, clustersPerDc: 2, nodes: 1, portBase: base });
  try {
    expect(sim.clusters.map((c) => c.port)).toEqual([base, base + 1, base + 2, base + 3]);
    expect(sim.dataCentres.map((d) => d.registry.port)).toEqual([base + 101, base + 102]);
    expect(sim.adminUrl).toBe(`http://127.0.0.1:${base + 99}`);
    expect(sim.clusters.map((c) => c.name)).toEqual(["dc1-c1", "dc1-c2", "dc2-c1", "dc2-c2"]);
  } finally {
    await sim.stop();
  }
});
