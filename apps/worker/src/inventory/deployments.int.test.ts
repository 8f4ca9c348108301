// The Deployment watch keeps one re-check per group (read the group's status again when a pod of it starts
// or stops crash-looping); a deleted Deployment must take its group's re-check with it, or a worker that
// runs for months keeps one closure per group ever deleted.
import { createGroup } from "@capstan/usecases";
import { LABEL } from "@capstan/domain";
import type { V1Deployment } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { buildWorld, withDataCentre, type World } from "../../../../packages/usecases/src/testing/fixtures";
import { deployments } from "./deployments";
import { GroupIndex } from "./groups";

let world: World;

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  await withDataCentre(world);
});

const deployment = (group: string): V1Deployment => ({
  metadata: {
    name: `storefront-${group}`,
    namespace: "shop",
    labels: { [LABEL.managedBy]: "capstan", [LABEL.system]: "shop", [LABEL.application]: "storefront", [LABEL.group]: group },
  },
  spec: { replicas: 1, selector: {}, template: {} },
  status: { replicas: 1, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 1 },
});

describe("the Deployment watch", () => {
  it("drops a group's re-check when its Deployment is deleted", async () => {
    for (const name of ["a", "b"])
      await createGroup(world.as.developer, "shop", "storefront", { name, dataCentre: "dc1", imageTag: "1.0", replicas: 1, cpu: "100m", memory: "64Mi" });
    const cluster = await world.db.cluster.findFirstOrThrow({ where: { name: "dc1-a" } });
    const groups = new GroupIndex(world.db, cluster.id);
    const handlers = deployments.start({
      db: world.db,
      cluster,
      log: () => {},
      groups,
      writeOnChange: async (_key, _data, write) => void (await write()),
      forget: () => {},
      enqueue: async (_kind, _o, work) => void (await work()),
      requestsChanged: () => {},
    });
    await handlers.upsert(deployment("a"));
    await handlers.upsert(deployment("b"));
    expect(groups.watched).toBe(2);
    await handlers.delete(deployment("a"));
    expect(groups.watched).toBe(1);
    // the other group's re-check still works
    const b = await world.db.group.findFirstOrThrow({ where: { name: "b" } });
    await world.db.group.update({ where: { id: b.id }, data: { readyReplicas: 0 } });
    groups.podsChanged(b.id);
    await new Promise((r) => setTimeout(r, 200));
    expect((await world.db.group.findFirstOrThrow({ where: { id: b.id } })).readyReplicas).toBe(1);
  });
});
