// The image centre against two simulated data centres (in their own process, as `npm start` runs them).
// One function per figure; each sets up what it needs on the shared world and returns its line:
//  - promotion of a 50 MiB image to one other data centre (target ≤ 2 s, digest equal).
// `npm run bench -- images` runs it.
import { randomBytes } from "node:crypto";
import { HarborClient, manifestDigest, pushMinimalImage } from "@capstan/orchestrator";
import { promoteImage, setDepartmentQuota, setSystemQuota } from "@capstan/usecases";
import { buildWorld, type World } from "../packages/usecases/src/testing/fixtures";
import { benchDatabase } from "./database";
import { type SimDataCentre, startSimProcess, registerSimDataCentre } from "./sim-process";

process.env.CAPSTAN_SECRET_KEY ??= "YmVuY2gta2V5LWZvci1jYXBzdGFuLW9ubHktMzJieXQ=";

/** What every figure gets: the Capstan world (users, systems shop/ledger, application shop/storefront) and the data centres. */
interface Bench {
  world: World;
  dataCentres: SimDataCentre[];
}

/** Pushes an image of one `layerBytes` random layer through the OCI API, as CI would; answers its digest. */
const pushImage = (dc: SimDataCentre, repository: string, tag: string, layerBytes: number): Promise<string> =>
  pushMinimalImage(dc.registry.url, dc.registry, repository, tag, randomBytes(layerBytes));

/** Promotion of a 50 MiB image from dc1 to dc2 by a developer, through the use case the API calls. */
async function promotionOf50MiB({ world, dataCentres: [dc1, dc2] }: Bench): Promise<string> {
  const tag = "bench-50mib";
  const pushed = await pushImage(dc1!, "shop/storefront", tag, 50 * 1024 * 1024);
  const started = performance.now();
  const result = await promoteImage(world.as.developer, "shop", "storefront", { tag, from: dc1!.name, to: [dc2!.name] });
  const seconds = (performance.now() - started) / 1000;
  const there = await manifestDigest(dc2!.registry, "shop/storefront", tag);
  const equal = there === pushed && result.digest === pushed;
  return `promotion of a 50 MiB image to one other data centre: ${seconds.toFixed(2)} s (target ≤ 2 s), digest ${equal ? "equal" : `DIFFERS (${there} ≠ ${pushed})`}`;
}

/** The figures, in the order printed. */
const FIGURES: ((b: Bench) => Promise<string>)[] = [promotionOf50MiB];

const { db, stop } = await benchDatabase();
const sim = await startSimProcess({ dataCentres: 2, nodes: 1, timings: {} });
try {
  const world = await buildWorld(db);
  const admin = world.as.platformAdmin;
  for (const dc of sim.dataCentres) {
    await registerSimDataCentre(admin, dc);
    await setDepartmentQuota(admin, "retail", dc.name, { cpu: "64", memory: "128Gi", gpu: 0, instances: 100 });
    await setSystemQuota(admin, "shop", dc.name, { cpu: "8", memory: "16Gi", gpu: 0, instances: 10 });
    // The project the worker's project controller makes once shop has a quota (the worker does not run here).
    await new HarborClient(dc.registry.url, dc.registry.username, dc.registry.password).ensureProject("shop");
  }
  for (const figure of FIGURES) console.log(await figure({ world, dataCentres: sim.dataCentres }));
} finally {
  await sim.stop();
  await db.$disconnect();
  await stop();
}
