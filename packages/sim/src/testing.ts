// Test helpers: start a small sim in a temp dir and run kubectl against it.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as k8s from "@kubernetes/client-node";
import type http from "node:http";
import https from "node:https";
import { startSim, type SimOptions, type Sim } from "./sim.js";
import { CA_PEM } from "./k8s/apiserver.js";

export interface TestSim extends Sim {
  dir: string;
  kubeconfig: string;
  kc: k8s.KubeConfig;
  kubectl(args: string[], input?: string): Promise<{ stdout: string; stderr: string; code: number }>;
}

export const FAST = {
  startMs: 0,
  jobRunMs: 100,
  backoffMs: 300,
  terminationMs: 0,
  probeScale: 0.05,
  nodeGraceMs: 2000,
  podEvictionMs: 500,
  leaseRenewMs: 200,
  hpaSyncMs: 200,
};

export async function testSim(opts: SimOptions = {}): Promise<TestSim> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sim-"));
  const sim = await startSim({ nodes: 5, out: dir, timings: FAST, ...opts });
  const kubeconfig = path.join(dir, `${sim.clusters[0].name}.kubeconfig`);
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfig);
  const kubectl = (args: string[], input?: string) =>
    new Promise<{ stdout: string; stderr: string; code: number }>((resolve) => {
      const p = execFile("kubectl", ["--kubeconfig", kubeconfig, "--cache-dir", path.join(dir, "cache"), ...args], { timeout: 30_000 }, (err, stdout, stderr) =>
        resolve({ stdout, stderr, code: err ? (typeof err.code === "number" ? err.code : 1) : 0 }),
      );
      if (input !== undefined) {
        p.stdin!.write(input);
        p.stdin!.end();
      }
    });
  return {
    ...sim,
    dir,
    kubeconfig,
    kc,
    kubectl,
    async stop() {
      await sim.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function until<T>(fn: () => T | Promise<T>, timeoutMs = 5000, what = "condition"): Promise<Exclude<T, false | null | undefined | 0 | "">> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as Exclude<T, false | null | undefined | 0 | "">;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Raw HTTPS request against a simulated API server (trusts the sim CA; token optional). */
export function raw(
  c: { url: string; token?: string },
  p: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; auth?: boolean } = {},
) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string; json(): any }>((resolve, reject) => {
    const u = new URL(p, c.url);
    const req = https.request(
      u,
      {
        method: init.method ?? "GET",
        ca: CA_PEM,
        headers: { ...(init.auth === false || !c.token ? {} : { authorization: `Bearer ${c.token}` }), ...init.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (d) => chunks.push(d));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on("error", reject);
    if (init.body) req.write(init.body);
    req.end();
  });
}
