// The simulated data centres in a process of their own, as `npm start` runs them: a data centre is
// another machine, so its API servers and kubelets must not share the event loop of the code measured.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Timings } from "@capstan/sim";
import { type Context, registerDataCentre } from "@capstan/usecases";
import { startChild } from "../scripts/lib/processes";

export interface SimDataCentre {
  name: string;
  registry: { url: string; username: string; password: string };
  clusters: { name: string; kubeconfig: string }[];
}

/** Registers a simulated data centre with its registry, as a platform admin does in the portal (region "bench"). */
export function registerSimDataCentre(admin: Context, dc: SimDataCentre) {
  return registerDataCentre(admin, {
    name: dc.name,
    displayName: dc.name,
    region: "bench",
    harborUrl: dc.registry.url,
    harborUsername: dc.registry.username,
    harborPassword: dc.registry.password,
  });
}

/** `podNetwork: "loopback"`: pods get 127.x addresses and LB pods run real haproxy/nginx (docs/simulator.md). */
export async function startSimProcess(opts: { dataCentres: number; nodes: number; timings: Partial<Timings>; podNetwork?: "cidr" | "loopback" }) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "capstan-bench-sim-"));
  const cli = path.resolve(import.meta.dirname, "../packages/sim/src/cli.ts");
  const args = [
    "--import",
    "tsx",
    cli,
    "--data-centres",
    String(opts.dataCentres),
    "--nodes",
    String(opts.nodes),
    "--out",
    out,
    "--no-events",
    "--timings",
    JSON.stringify(opts.timings),
    "--pod-network",
    opts.podNetwork ?? "cidr",
  ];
  const child = await startChild("sim", process.execPath, args, process.env, "sim ready");
  const read = (f: string) => fs.readFileSync(path.join(out, f), "utf8");
  const dataCentres: SimDataCentre[] = Array.from({ length: opts.dataCentres }, (_, i) => {
    const name = `dc${i + 1}`;
    return { name, registry: JSON.parse(read(`${name}.registry.json`)), clusters: [{ name: `${name}-c1`, kubeconfig: read(`${name}-c1.kubeconfig`) }] };
  });
  const admin = (JSON.parse(read("admin.json")) as { url: string }).url;
  return {
    dataCentres,
    /** Requests served so far, summed over every API server and registry, by verb and resource. */
    async requests(): Promise<Map<string, number>> {
      const stats = (await (await fetch(`${admin}/stats`)).json()) as { requests: Record<string, Record<string, number>> };
      const sum = new Map<string, number>();
      for (const counts of Object.values(stats.requests)) for (const [k, n] of Object.entries(counts)) sum.set(k, (sum.get(k) ?? 0) + n);
      return sum;
    },
    async stop() {
      await new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGTERM");
      });
      fs.rmSync(out, { recursive: true, force: true });
    },
  };
}
