// A balancer's events timeline against PostgreSQL: the events of its Deployment, ReplicaSets, pods and Service in,
// those of its ConfigMap, of a balancer whose name extends its own, of a group and of other namespaces and
// clusters out; newest first, by type, in pages; read as the balancer is.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { createLoadBalancer, listLoadBalancerEvents, registerCluster } from "../index";
import { buildWorld, kubeconfigFor, withDataCentre, type World } from "../testing/fixtures";

let world: World;
let n = 0;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

/** A ClusterEvent row as the inventory writes it; `ago`: minutes since it was last seen. */
async function event(cluster: string, namespace: string, kind: string, name: string, ago: number, type = "Normal") {
  const { id } = await world.db.cluster.findUniqueOrThrow({ where: { name: cluster } });
  await world.db.clusterEvent.create({
    data: {
      clusterId: id,
      uid: `uid-${++n}`,
      namespace,
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
  await registerCluster(world.as.platformAdmin, { name: "dc1-b", dataCentre: "dc1", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
  const lb = { dataCentre: "dc1", cluster: "dc1-a" };
  await createLoadBalancer(world.as.developer, "shop", "storefront", { name: "front", ...lb });
  // Its objects' names (lb-front-bcdfg…) begin with front's: a ReplicaSet of front could be named lb-front-bcdfg.
  await createLoadBalancer(world.as.developer, "shop", "storefront", { name: "front-bcdfg", ...lb });
  await createLoadBalancer(world.as.platformAdmin, "ledger", "billing", { name: "front", ...lb });

  // front's own, newest first: Warning of a pod, its ReplicaSet, Service, Deployment.
  await event("dc1-a", "shop", "Deployment", "lb-front", 4);
  await event("dc1-a", "shop", "Service", "lb-front", 3);
  await event("dc1-a", "shop", "ReplicaSet", "lb-front-6d4cf56db6", 2);
  await event("dc1-a", "shop", "Pod", "lb-front-6d4cf56db6-x7k2p", 1, "Warning");
  // Not front's.
  await event("dc1-a", "shop", "ConfigMap", "lb-front", 0);
  await event("dc1-a", "shop", "Deployment", "lb-front-bcdfg", 0);
  await event("dc1-a", "shop", "Service", "lb-front-bcdfg", 0);
  await event("dc1-a", "shop", "ReplicaSet", "lb-front-bcdfg-7f9b8", 0);
  await event("dc1-a", "shop", "Pod", "lb-front-bcdfg-7f9b8-abcde", 0);
  await event("dc1-a", "shop", "Deployment", "storefront-front", 0);
  await event("dc1-a", "shop", "Pod", "storefront-front-6d4cf56db6-x7k2p", 0);
  await event("dc1-a", "ledger", "Deployment", "lb-front", 0);
  await event("dc1-b", "shop", "Pod", "lb-front-6d4cf56db6-x7k2p", 0);
});

const objects = (page: { items: { involved: { kind: string; name: string } }[] }) => page.items.map((e) => `${e.involved.kind}/${e.involved.name}`);

describe("a load balancer's events", () => {
  it("are those of its Deployment, ReplicaSets, pods and Service, newest first", async () => {
    const page = await listLoadBalancerEvents(world.as.viewer, "shop", "storefront", "front", {});
    expect(objects(page)).toEqual(["Pod/lb-front-6d4cf56db6-x7k2p", "ReplicaSet/lb-front-6d4cf56db6", "Service/lb-front", "Deployment/lb-front"]);
    expect(page).toMatchObject({ total: 4, page: 1, pageSize: 20 });
    expect(page.items[0]).toMatchObject({ type: "Warning", count: 1, message: "Pod/lb-front-6d4cf56db6-x7k2p" });
  });

  it("keep one type and come in pages", async () => {
    const warnings = await listLoadBalancerEvents(world.as.viewer, "shop", "storefront", "front", { type: "Warning" });
    expect(objects(warnings)).toEqual(["Pod/lb-front-6d4cf56db6-x7k2p"]);
    const second = await listLoadBalancerEvents(world.as.viewer, "shop", "storefront", "front", { type: "Normal", page: "2", pageSize: "2" });
    expect(objects(second)).toEqual(["Deployment/lb-front"]);
    expect(second.total).toBe(3);
  });

  it("do not mix up a balancer whose name extends another's", async () => {
    const page = await listLoadBalancerEvents(world.as.viewer, "shop", "storefront", "front-bcdfg", {});
    expect(objects(page).sort()).toEqual([
      "Deployment/lb-front-bcdfg",
      "Pod/lb-front-bcdfg-7f9b8-abcde",
      "ReplicaSet/lb-front-bcdfg-7f9b8",
      "Service/lb-front-bcdfg",
    ]);
  });

  it("are read as the balancer is: 404 outside the reader's department, 400 naming the field for a bad query", async () => {
    await expect(listLoadBalancerEvents(world.as.developer, "ledger", "billing", "front", {})).rejects.toMatchObject({ status: 404 });
    expect(objects(await listLoadBalancerEvents(world.as.ops, "ledger", "billing", "front", {}))).toEqual(["Deployment/lb-front"]);
    await expect(listLoadBalancerEvents(world.as.viewer, "shop", "storefront", "nope", {})).rejects.toMatchObject({ status: 404 });
    await expect(listLoadBalancerEvents(world.as.viewer, "shop", "storefront", "front", { type: "Info" })).rejects.toMatchObject({
      status: 400,
      fields: { type: expect.any(String) },
    });
  });
});
