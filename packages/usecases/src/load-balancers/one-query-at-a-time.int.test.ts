// A transaction is one connection: its queries are sent one at a time, never queued on it side by side
// (pg 8.19 deprecates that, and `npm start` printed the warning). Use cases reading a balancer's detail in
// their transaction (memberPods, publishedNames, dataPlaneSpec) were the first to do it at startup.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { createGroup, createLoadBalancer, getLoadBalancer } from "../index";
import { buildWorld, withDataCentre, type World } from "../testing/fixtures";

const warnings: string[] = [];
const onWarning = (w: Error) => void warnings.push(w.message);
let world: World;

beforeAll(async () => {
  // Before anything queries: pg warns once per process.
  process.on("warning", onWarning);
  world = await buildWorld((await testDatabase()).db);
  await withDataCentre(world);
});

afterAll(() => void process.off("warning", onWarning));

describe("a balancer's use cases in one transaction", () => {
  it("never queue a query on a connection already running one", async () => {
    const admin = world.as.platformAdmin;
    await createGroup(admin, "shop", "storefront", { name: "web", dataCentre: "dc1", imageTag: "1.0.0", replicas: 2, cpu: "100m", memory: "128Mi" });
    await createLoadBalancer(admin, "shop", "storefront", { name: "front", dataCentre: "dc1", port: 18080, members: [{ group: "web" }] });
    await getLoadBalancer(world.as.viewer, "shop", "storefront", "front");
    // Warnings are emitted on the next tick.
    await new Promise((r) => setImmediate(r));
    expect(warnings.filter((m) => m.includes("client.query()"))).toEqual([]);
  });
});
