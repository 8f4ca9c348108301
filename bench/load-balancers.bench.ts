// `npm run bench -- load-balancers`: the load balancers' figures (issue 16, docs/load-balancers.md). Each
// figure is one entry of FIGURES, run in turn, printing its line(s) with the target and whether it was met;
// the traffic figures (weight change and pod exclusion under steady load) and the DNS answer time are added
// here as further entries.
import os from "node:os";
import { renderDataPlane } from "@capstan/domain";
import { exampleSpec, pods } from "../packages/domain/src/load-balancers/render.fixtures";
import { checkDataPlaneConfig } from "../tests/data-plane";
import { traffic } from "./lb-traffic";

const ROUNDS = 5;
const met = (ok: boolean) => (ok ? "met" : "NOT MET");
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

/** Median over ROUNDS of how long `run` takes, in ms (after one warm-up run). */
async function measure(run: () => Promise<unknown> | unknown): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** Render plus the real program's check of a balancer with 1,000 backends (two groups of 500 pods). */
async function renderAndCheck(): Promise<void> {
  const backends = [...pods("blue", 500), ...pods("green", 500, 500)];
  for (const kind of ["haproxy", "nginx"] as const) {
    const spec = exampleSpec(kind, { backends, stickyCookie: "SRV", maxConnPerBackend: 100 });
    const renderMs = await measure(() => renderDataPlane(spec));
    const totalMs = await measure(async () => {
      const { ok, output } = await checkDataPlaneConfig(kind, renderDataPlane(spec).text);
      if (!ok) throw new Error(`${kind} refused the rendered configuration: ${output}`);
    });
    const check = kind === "haproxy" ? "haproxy -c" : "nginx -t";
    const target = kind === "haproxy" ? `target ≤ 1 s  ${met(totalMs <= 1000)}` : "(no target)";
    console.log(`render + ${check}, 1,000 backends: ${totalMs.toFixed(0).padStart(5)} ms (render alone ${renderMs.toFixed(1)} ms)  ${target}`);
  }
}

const FIGURES: [string, () => Promise<void>][] = [
  ["configuration", renderAndCheck],
  ["traffic (200 requests/s for 10 s, a change 2 s in)", traffic],
];

console.log(
  `load balancers (median of ${ROUNDS}; load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}, ${os.cpus().length} cores)`,
);
for (const [name, figure] of FIGURES) {
  console.log(`\n${name}`);
  await figure();
}
console.log(
  `\nload average after: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
