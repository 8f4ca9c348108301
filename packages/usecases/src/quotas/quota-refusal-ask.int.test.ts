// A quota refusal on create or scale says what a quota request must ask for to make room (askCpu,
// askMemory, askGpu, askInstances, in QuotaRequestCreate's notation), so the portal pre-fills "Ask for
// more quota"; and asking for exactly that, once approved, lets the same change through.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { approveQuotaRequest, createGroup, createQuotaRequest, scaleGroup } from "../index";
import { buildWorld, withDataCentre, type World } from "../testing/fixtures";

let world: World;
const spec = { dataCentre: "dc1", imageTag: "1.0", cpu: "500m", memory: "256Mi" };
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected a quota refusal"),
    (e: { status: number; reason: string; params: Record<string, string | number> }) => e,
  );

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  await withDataCentre(world, { quota: { cpu: "2", memory: "4Gi", gpu: 0, instances: 10 } });
});

describe("a quota refusal", () => {
  it("on create and on scale names what to ask for, and asking for it makes room", async () => {
    const dev = world.as.developer;
    const created = await refusal(createGroup(dev, "shop", "storefront", { name: "big", replicas: 6, ...spec })); // 3 cores asked, 2 free
    expect(created).toMatchObject({
      status: 409,
      reason: "quota_exceeded",
      params: { system: "shop", dataCentre: "dc1", askCpu: "1000m", askMemory: "0Mi", askGpu: 0, askInstances: 0 },
    });
    await createGroup(dev, "shop", "storefront", { name: "web", replicas: 4, ...spec }); // 2 cores: all of it
    const scaled = await refusal(scaleGroup(dev, "shop", "storefront", "web", { replicas: 5 }));
    expect(scaled.params).toMatchObject({ askCpu: "500m", askMemory: "0Mi" });
    const r = await createQuotaRequest(dev, {
      system: "shop",
      dataCentre: "dc1",
      cpu: String(scaled.params.askCpu),
      memory: String(scaled.params.askMemory),
      gpu: 0,
      instances: 0,
      reason: "scale web",
    });
    await approveQuotaRequest(world.as.platformAdmin, r.id, { version: r.version });
    await expect(scaleGroup(dev, "shop", "storefront", "web", { replicas: 5 })).resolves.toMatchObject({ replicas: 5 });
  });
});
