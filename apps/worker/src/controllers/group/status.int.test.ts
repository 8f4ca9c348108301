// A group that keeps failing tells its system's developers once per failure streak: when its attempts
// since the last success reach GROUP_FAILING_AFTER_ATTEMPTS, not on every retry, and again only after a
// success ended the streak.
import { createGroup, listNotifications } from "@capstan/usecases";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../../tests/database";
import { buildWorld, withDataCentre, type World } from "../../../../../packages/usecases/src/testing/fixtures";
import { statusWriter } from "../status";
import { GROUP_FAILING_AFTER_ATTEMPTS, groupStatus } from "./status";

let world: World;
let groupId: string;
const writer = statusWriter(groupStatus);
const fail = () => writer.failed(world.db, { groupId }, { reason: "Forbidden", message: "forbidden", at: new Date() });
const told = async (role: "developer" | "departmentAdmin" | "viewer") =>
  (await listNotifications(world.as[role], {})).items.filter((n) => n.reason === "group_failing");

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  await withDataCentre(world);
  await createGroup(world.as.developer, "shop", "storefront", { name: "web", dataCentre: "dc1", imageTag: "1.0", replicas: 1, cpu: "100m", memory: "128Mi" });
  groupId = (await world.db.group.findFirstOrThrow({ where: { name: "web" } })).id;
});

describe("a group failing to converge", () => {
  it("tells the system's developers once per failure streak", async () => {
    for (let i = 1; i < GROUP_FAILING_AFTER_ATTEMPTS; i++) await fail();
    expect(await told("developer")).toEqual([]);
    await fail();
    const [n] = await told("developer");
    expect(n).toMatchObject({
      params: { group: "web", system: "shop", cluster: "dc1-a", errorReason: "Forbidden" },
      link: "/systems/shop/applications/storefront/groups/web",
    });
    expect(await told("departmentAdmin")).toHaveLength(1);
    expect(await told("viewer")).toEqual([]); // readers do not change groups
    for (let i = 0; i < 5; i++) await fail();
    expect(await told("developer")).toHaveLength(1);
    await writer.succeeded(world.db, { groupId });
    for (let i = 0; i < GROUP_FAILING_AFTER_ATTEMPTS; i++) await fail();
    expect(await told("developer")).toHaveLength(2);
  });
});
