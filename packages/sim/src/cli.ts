// `npm run sim -- --data-centres 2 --clusters-per-dc 1 --nodes 20 --out DIR [--port-base N] [--seed N] [--timings '{"startMs":0}'] [--pod-network loopback] [--log-rate 0.5]`
import { parseArgs } from "node:util";
import { z } from "zod";
import { DEFAULT_TIMINGS } from "./cluster.js";
import { startSim } from "./sim.js";

const { values } = parseArgs({
  options: {
    "data-centres": { type: "string", default: "1" },
    "clusters-per-dc": { type: "string", default: "1" },
    nodes: { type: "string", default: "20" },
    out: { type: "string" },
    "port-base": { type: "string", default: "0" },
    seed: { type: "string", default: "1" },
    host: { type: "string", default: "127.0.0.1" },
    "no-events": { type: "boolean", default: false },
    "watch-history": { type: "string", default: "50000" },
    timings: { type: "string", default: "{}" },
    "pod-network": { type: "string", default: "cidr" },
    "log-rate": { type: "string", default: "0.5" },
  },
});
const int = z.coerce.number().int().nonnegative();
const opts = z
  .object({
    dataCentres: int.min(1),
    clustersPerDc: int.min(1),
    nodes: int,
    portBase: int.max(65000),
    seed: int,
    out: z.string().min(1),
    host: z.string(),
    podNetwork: z.enum(["cidr", "loopback"]),
    logLinesPerSecond: z.coerce.number().min(0).max(1000),
  })
  .parse({
    dataCentres: values["data-centres"],
    clustersPerDc: values["clusters-per-dc"],
    nodes: values.nodes,
    portBase: values["port-base"],
    seed: values.seed,
    out: values.out,
    host: values.host,
    podNetwork: values["pod-network"],
    logLinesPerSecond: values["log-rate"],
  });

// Any of the simulator's delays, in ms (e.g. a bench sets startMs and probeScale to 0).
const Timings = z.strictObject(Object.fromEntries(Object.keys(DEFAULT_TIMINGS).map((k) => [k, z.number().nonnegative().optional()])));
const timings = Timings.parse(JSON.parse(values.timings!));

const sim = await startSim({ ...opts, timings, recordEvents: !values["no-events"], watchHistory: Number(values["watch-history"]) });
for (const c of sim.clusters) console.error(`cluster ${c.name} ${c.url}`);
for (const d of sim.dataCentres) console.error(`registry ${d.name} ${d.registryInfo.url}`);
if (sim.adminUrl) console.error(`admin ${sim.adminUrl}`);
console.log("sim ready");

let stopping = false;
for (const sig of ["SIGINT", "SIGTERM"] as const)
  process.on(sig, async () => {
    if (stopping) process.exit(1); // second signal: give up waiting
    stopping = true;
    setTimeout(() => process.exit(0), 5000).unref(); // never hang on a stuck connection
    await sim.stop();
    process.exit(0);
  });
