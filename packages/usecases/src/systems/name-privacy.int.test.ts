// What names reveal across departments (issue 12, finding 10; docs/security/names.md): system names are
// global, so a department admin learns that a name is taken, and nothing else; everything else of another
// department answers as if it did not exist.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { addDepartmentMember, createSystem, deleteSystem, getSystem, listApplications, listAuditEvents, listSystems, updateSystem } from "../index";
import { buildWorld, type World } from "../testing/fixtures";

let world: World;
const lead = () => world.as.departmentAdmin; // admin of retail only
const refusal = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (e) {
    const { status, code, message, fields } = e as { status: number; code: string; message: string; fields: object };
    return { status, code, message, fields };
  }
  throw new Error("expected a refusal");
};

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  // finance's systems: ledger (live) and vault (being deleted), created by a platform admin with audit events.
  await createSystem(world.as.platformAdmin, { name: "vault", displayName: "Secret vault", department: "finance" });
  await deleteSystem(world.as.platformAdmin, "vault");
});

describe("system names are global: a name in use elsewhere is taken, and that is all the 409 says", () => {
  it("another department's live name, its name being deleted, and a name of one's own department get the same 409", async () => {
    const taken = { status: 409, code: "conflict", message: "That name is already taken.", fields: { name: "is already taken" } };
    expect(await refusal(createSystem(lead(), { name: "ledger", displayName: "Mine", department: "retail" }))).toEqual(taken);
    expect(await refusal(createSystem(lead(), { name: "vault", displayName: "Mine", department: "retail" }))).toEqual(taken);
    expect(await refusal(createSystem(lead(), { name: "shop", displayName: "Mine", department: "retail" }))).toEqual(taken);
  });

  it("whoever can read the owning department is told that the name is still being deleted", async () => {
    expect(await refusal(createSystem(world.as.platformAdmin, { name: "vault", displayName: "Again", department: "finance" }))).toMatchObject({
      status: 409,
      fields: { name: "is still being deleted" },
    });
  });

  it("people who may not create systems are refused before any name is looked up", async () => {
    for (const name of ["ledger", "no-such-system"])
      expect(await refusal(createSystem(world.as.developer, { name, displayName: "D", department: "retail" }))).toMatchObject({ status: 403 });
  });
});

describe("everything else of another department answers as if it did not exist", () => {
  it("reading or changing another department's system is the same 404 as for a name nobody uses", async () => {
    const as404 = (name: string) => ({ status: 404, code: "not_found", message: `System "${name}" was not found.`, fields: {} });
    for (const name of ["ledger", "vault", "no-such-system"]) {
      expect(await refusal(getSystem(lead(), name)), name).toEqual(as404(name));
      expect(await refusal(updateSystem(lead(), name, { displayName: "X", version: 1 })), name).toEqual(as404(name));
      expect(await refusal(deleteSystem(lead(), name)), name).toEqual(as404(name));
    }
  });

  it("lists and searches find nothing of another department", async () => {
    expect((await listSystems(lead(), { q: "ledger" })).total).toBe(0);
    expect((await listApplications(lead(), { q: "billing" })).total).toBe(0);
    expect((await listSystems(lead(), {})).items.map((s) => s.name)).toEqual(["shop"]);
  });

  it("a department admin's audit log holds no event of another department", async () => {
    const events = (await listAuditEvents(lead(), { pageSize: "100" })).items;
    expect(events.map((e) => e.targetName)).not.toContain("vault");
    expect((await listAuditEvents(world.as.platformAdmin, { q: "vault" })).items.map((e) => e.action).sort()).toEqual(["system.create", "system.delete"]);
  });

  it("adding a member by email tells a department admin whether the address has an account, not where it belongs", async () => {
    expect(await refusal(addDepartmentMember(lead(), "retail", { email: "nobody@capstan.test", role: "VIEWER" }))).toMatchObject({
      status: 422,
      fields: { email: "is not a known user" },
    });
    // fin@ belongs to finance; the answer names the person added, not their other departments.
    expect(await addDepartmentMember(lead(), "retail", { email: "fin@capstan.test", role: "VIEWER" })).toEqual({
      email: "fin@capstan.test",
      name: "fin",
      role: "VIEWER",
    });
  });
});
