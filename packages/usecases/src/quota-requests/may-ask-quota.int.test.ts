// Who may ask for quota: the systems the portal offers in its request form (systemsToAskQuotaFor) are
// exactly those createQuotaRequest accepts, for every role, so nobody is offered a form the server refuses.
import { beforeAll, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { createQuotaRequest, registerDataCentre, systemsToAskQuotaFor } from "../index";
import { buildWorld, outcome, ROLES, type World } from "../testing/fixtures";

let world: World;

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  // A second system of retail that the developer and the viewer are not members of.
  const retail = await world.db.department.findUniqueOrThrow({ where: { name: "retail" } });
  await world.db.system.create({ data: { name: "outlet", displayName: "Outlet", departmentId: retail.id } });
  await registerDataCentre(world.as.platformAdmin, {
    name: "ask1",
    displayName: "ask1",
    region: "r",
    harborUrl: "http://harbor.ask1.test",
    harborUsername: "admin",
    harborPassword: "pw",
  });
});

it.each(ROLES)("offers the %s exactly the systems the server lets them ask quota for", async (role) => {
  const ctx = world.as[role];
  const offered = await systemsToAskQuotaFor(ctx);
  const accepted: string[] = [];
  for (const system of ["ledger", "outlet", "shop"]) {
    const ask = () => createQuotaRequest(ctx, { system, dataCentre: "ask1", cpu: "1", memory: "1Gi", gpu: 0, instances: 1, reason: "launch" });
    if ((await outcome(ask)) === "ok") accepted.push(system);
  }
  expect(offered).toEqual(accepted);
  const expected = { platformAdmin: ["ledger", "outlet", "shop"], departmentAdmin: ["outlet", "shop"], developer: ["shop"], viewer: [], ops: [] };
  expect(offered).toEqual(expected[role]);
});
