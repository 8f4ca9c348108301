// `npm run bench [name]`: runs every bench/*.bench.ts and the simulator's packages/sim/bench/*.bench.ts
// in turn, and prints their figures.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const only = process.argv[2];
const benches = ["bench", "packages/sim/bench"].flatMap((d) =>
  fs
    .readdirSync(path.join(root, d))
    .filter((f) => f.endsWith(".bench.ts"))
    .map((f) => path.join(root, d, f)),
);
for (const file of benches) {
  if (only && !path.basename(file).includes(only)) continue;
  console.log(`\n▶ ${path.relative(root, file)}`);
  // The simulator's bench holds 200,000 pods: give V8 room, as its own `npm run bench` does.
  // The simulator listens on 127.0.0.1, which the outbound policy denies unless allow-listed.
  const env = {
    ...process.env,
    CAPSTAN_OUTBOUND_ALLOW: process.env.CAPSTAN_OUTBOUND_ALLOW ?? "127.0.0.1/32",
    // The simulator's loopback pod network (docs/simulator.md), for load-balancer pods' runtime API.
    CAPSTAN_POD_NETWORKS: process.env.CAPSTAN_POD_NETWORKS ?? "127.32.0.0/11",
  };
  const r = spawnSync(process.execPath, ["--max-old-space-size=8192", "--max-semi-space-size=64", "--import", "tsx", file], {
    stdio: "inherit",
    cwd: root,
    env,
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
