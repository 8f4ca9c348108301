// A group's events timeline against PostgreSQL: the events of its Deployment, Service, autoscaler, ReplicaSets
// and pods in; those of a group whose name extends its own (storefront-web-bcdfg beside storefront-web), whose
// Deployment looks like one of web's ReplicaSets and whose ReplicaSets look like web's pods, out; and the same
// for the group page's warnings (getGroup).
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { createGroup, getGroup, listGroupEvents } from "../index";
import { buildWorld, withDataCentre, type World } from "../testing/fixtures";

let world: World;
let n = 0;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

/** A ClusterEvent row in dc1-a's namespace shop as the inventory writes it; `ago`: minutes since it was last seen. */
async function event(kind: string, name: string, ago: number, type = "Warning") {
  const { id } = await world.db.cluster.findUniqueOrThrow({ where: { name: "dc1-a" } });
  await world.db.clusterEvent.create({
    data: {
      clusterId: id,
      uid: `uid-${++n}`,
      namespace: "shop",
      involvedKind: kind,
      involvedName: name,
      type,
      reason: `R${n}`,
      message: `${kind}/${name}`,
      firstAt: minutesAgo(ago + 1),
      lastAt: minutesAgo(ago),
    },
  });
}

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  await withDataCentre(world);
  const spec = { dataCentre: "dc1", imageTag: "1.0.0", replicas: 1, cpu: "100m", memory: "128Mi" };
  for (const name of ["web", "web-bcdfg"]) await createGroup(world.as.developer, "shop", "storefront", { name, ...spec });
  // web's own, newest first.
  await event("Pod", "storefront-web-6d4cf56db6-x7k2p", 1);
  await event("ReplicaSet", "storefront-web-6d4cf56db6", 2);
  await event("HorizontalPodAutoscaler", "storefront-web", 3);
  await event("Service", "storefront-web", 4);
  await event("Deployment", "storefront-web", 5);
  // web-bcdfg's: with one name pattern for every kind, its Deployment and ReplicaSet passed for web's.
  await event("Deployment", "storefront-web-bcdfg", 0);
  await event("ReplicaSet", "storefront-web-bcdfg-7f9b8", 0);
  await event("Pod", "storefront-web-bcdfg-7f9b8-abcde", 0);
  // a ConfigMap of the same name is not one of the group's objects
  await event("ConfigMap", "storefront-web", 0);
});

const objects = (items: { involved: { kind: string; name: string } }[]) => items.map((e) => `${e.involved.kind}/${e.involved.name}`);

describe("a group's events", () => {
  it("are those of its own Deployment, Service, autoscaler, ReplicaSets and pods, not those of a group whose name extends its own", async () => {
    const page = await listGroupEvents(world.as.viewer, "shop", "storefront", "web", {});
    expect(objects(page.items)).toEqual([
      "Pod/storefront-web-6d4cf56db6-x7k2p",
      "ReplicaSet/storefront-web-6d4cf56db6",
      "HorizontalPodAutoscaler/storefront-web",
      "Service/storefront-web",
      "Deployment/storefront-web",
    ]);
    const other = await listGroupEvents(world.as.viewer, "shop", "storefront", "web-bcdfg", {});
    expect(objects(other.items).sort()).toEqual([
      "Deployment/storefront-web-bcdfg",
      "Pod/storefront-web-bcdfg-7f9b8-abcde",
      "ReplicaSet/storefront-web-bcdfg-7f9b8",
    ]);
  });

  it("the group page's warnings are matched the same way", async () => {
    const g = await getGroup(world.as.viewer, "shop", "storefront", "web");
    expect(g.events.map((e) => `${e.kind}/${e.name}`)).toEqual([
      "Pod/storefront-web-6d4cf56db6-x7k2p",
      "ReplicaSet/storefront-web-6d4cf56db6",
      "HorizontalPodAutoscaler/storefront-web",
      "Service/storefront-web",
      "Deployment/storefront-web",
    ]);
  });
});
