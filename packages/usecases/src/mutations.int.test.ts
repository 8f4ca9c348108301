// What every mutation promises: validated before anything is written, audited in the same
// transaction, optimistic concurrency, and deletes that name the children in the way.
import { createDb } from "@capstan/db";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../tests/database";
import {
  addDepartmentMember,
  addSystemMember,
  createUser,
  removeDepartmentMember,
  updateUser,
  createApiToken,
  createApplication,
  createSystem,
  deleteDepartment,
  deleteSystem,
  listAuditEvents,
  revokeApiToken,
  updateSystem,
} from "./index";
import { authenticateToken, loadActor, signInWithPassword } from "./internal";
import { buildWorld, type World } from "./testing/fixtures";

let world: World;
let url: string;
beforeAll(async () => {
  const t = await testDatabase();
  url = t.url;
  world = await buildWorld(t.db);
});
const admin = () => world.as.platformAdmin;
const counts = async () => ({ systems: await world.db.system.count(), audit: await world.db.auditEvent.count() });

describe("mutations", () => {
  it("write the change and its audit event, with before and after", async () => {
    const s = await createSystem(admin(), { name: "audited", displayName: "Audited", department: "retail" });
    await updateSystem(world.as.departmentAdmin, "audited", { isolation: "OPEN", version: s.version });
    const events = await world.db.auditEvent.findMany({ where: { targetId: "audited" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.actorEmail])).toEqual([
      ["system.create", "admin@capstan.test"],
      ["system.update", "lead@capstan.test"],
    ]);
    expect(events[1]!.before).toMatchObject({ isolation: "ISOLATED", version: 1 });
    expect(events[1]!.after).toMatchObject({ isolation: "OPEN", version: 2 });
  });

  it("write nothing, not even an audit event, when the input is invalid or the change fails", async () => {
    const before = await counts();
    await expect(createSystem(admin(), { name: "Bad Name", displayName: "", department: "retail" })).rejects.toMatchObject({
      status: 422,
      fields: { name: expect.stringContaining("DNS-1123"), displayName: "is required" },
    });
    await expect(createSystem(admin(), { name: "shop", displayName: "Again", department: "retail" })).rejects.toMatchObject({
      status: 409,
      fields: { name: "is already taken" },
    });
    await expect(createSystem(admin(), { name: "orphan", displayName: "O", department: "no-such-dept" })).rejects.toMatchObject({ status: 404 });
    expect(await counts()).toEqual(before);
  });

  it("let only one of two concurrent edits of the same version win; the other gets 409", async () => {
    const s = await createSystem(admin(), { name: "contested", displayName: "C", department: "retail" });
    const results = await Promise.allSettled([
      updateSystem(admin(), "contested", { displayName: "A", version: s.version }),
      updateSystem(admin(), "contested", { displayName: "B", version: s.version }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ status: 409, code: "stale_version" });
    expect((await world.db.system.findUniqueOrThrow({ where: { name: "contested" } })).version).toBe(2);
  });

  it("refuse to delete what still has children, naming them", async () => {
    await createSystem(admin(), { name: "parent", displayName: "P", department: "finance" });
    for (const name of ["alpha", "beta"]) await createApplication(admin(), "parent", { name, displayName: name });
    await expect(deleteSystem(admin(), "parent")).rejects.toMatchObject({ status: 409, message: expect.stringContaining("alpha, beta") });
    await expect(deleteDepartment(admin(), "finance")).rejects.toMatchObject({ status: 409, message: expect.stringContaining("ledger, parent") });
    expect(await world.db.system.count({ where: { name: "parent" } })).toBe(1);
  });

  it("leave out a person's own housekeeping (sign-ins, notifications read) when asked for changes only", async () => {
    await signInWithPassword(world.db, "admin@capstan.test", "wrong password");
    const admin = await world.db.user.findFirstOrThrow({ where: { email: "admin@capstan.test" } });
    await world.db.auditEvent.create({
      data: { actorId: admin.id, actorEmail: admin.email, action: "auth.sign-in", targetType: "user", targetId: admin.email, targetName: admin.email },
    });
    const actions = async (query: object) => new Set((await listAuditEvents(world.as.platformAdmin, { pageSize: "100", ...query })).items.map((e) => e.action));
    expect(await actions({})).toContain("auth.sign-in");
    const changes = await actions({ changes: "true" });
    expect(changes).not.toContain("auth.sign-in");
    expect(changes).toContain("auth.sign-in-failed"); // security-relevant: kept
    expect(changes).toContain("system.create");
  });

  it("show department admins only their own department's audit events", async () => {
    const page = await listAuditEvents(world.as.departmentAdmin, { pageSize: "100" });
    const retail = await world.db.department.findUniqueOrThrow({ where: { name: "retail" } });
    const ids = page.items.map((e) => e.id);
    const rows = await world.db.auditEvent.findMany({ where: { id: { in: ids.map(BigInt) } } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.departmentId === retail.id)).toBe(true);
  });
});

describe("API tokens", () => {
  it("authenticate until revoked or expired, and are stored only as hashes", async () => {
    const created = await createApiToken(world.as.developer, { name: "ci", expiresInDays: 1 });
    expect(await authenticateToken(world.db, created.token)).toBe(world.as.developer.actor.userId);
    const row = await world.db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(row.lastUsedAt).not.toBeNull();

    await revokeApiToken(world.as.developer, created.id);
    await expect(authenticateToken(world.db, created.token)).rejects.toMatchObject({ status: 401, message: expect.stringContaining("revoked") });

    const short = await createApiToken(world.as.developer, { name: "short", expiresInDays: 1 }, { ttlMs: -1 });
    await expect(authenticateToken(world.db, short.token)).rejects.toMatchObject({ status: 401, message: expect.stringContaining("expired") });
    await expect(authenticateToken(world.db, "cap_" + "x".repeat(43))).rejects.toMatchObject({ status: 401 });
  });

  it("cannot be revoked by someone else", async () => {
    const created = await createApiToken(world.as.developer, { name: "mine", expiresInDays: 1 });
    await expect(revokeApiToken(world.as.viewer, created.id)).rejects.toMatchObject({ status: 404 });
    expect(await authenticateToken(world.db, created.token)).toBe(world.as.developer.actor.userId);
  });
});

describe("people", () => {
  it("removing someone from a department also removes them from its systems, and disabled accounts cannot act", async () => {
    const u = await createUser(admin(), { email: "leaver@capstan.test", name: "Leaver", password: "correct horse battery" });
    await addDepartmentMember(admin(), "retail", { email: u.email, role: "DEVELOPER" });
    await addSystemMember(admin(), "shop", { email: u.email });
    await removeDepartmentMember(world.as.departmentAdmin, "retail", u.email);
    expect(await world.db.systemMember.count({ where: { userId: u.id } })).toBe(0);

    await updateUser(admin(), u.email, { disabled: true, version: u.version });
    await expect(loadActor(world.db, u.id)).rejects.toMatchObject({ status: 401 });
    await expect(signInWithPassword(world.db, u.email, "correct horse battery")).resolves.toBeNull();
  });

  it("sign in with the right password only", async () => {
    const u = await createUser(admin(), { email: "Signer@Capstan.test", name: "Signer", password: "correct horse battery" });
    expect(u.email).toBe("signer@capstan.test");
    await expect(signInWithPassword(world.db, "SIGNER@capstan.test", "correct horse battery")).resolves.toMatchObject({ id: u.id });
    await expect(signInWithPassword(world.db, u.email, "wrong horse battery")).resolves.toBeNull();
    await expect(signInWithPassword(world.db, "nobody@capstan.test", "correct horse battery")).resolves.toBeNull();
    await expect(createUser(admin(), { email: "short@capstan.test", name: "S", password: "short" })).rejects.toMatchObject({
      status: 422,
      fields: { password: expect.stringContaining("12") },
    });
  });
});

describe("a database too busy to start a change", () => {
  it("is a 503 that says nothing was changed, not a 500", { timeout: 30_000 }, async () => {
    // One connection, held by a transaction that waits: the change queues for it past the wait and never starts.
    const db = createDb(url, 1);
    const actor = await loadActor(db, world.as.platformAdmin.actor.userId);
    let release = () => {};
    const held = db.$transaction(() => new Promise<void>((r) => (release = r)), { timeout: 25_000 });
    try {
      await expect(createSystem({ db, actor }, { name: "busy", displayName: "Busy", department: "retail" })).rejects.toMatchObject({
        status: 503,
        reason: "database_busy",
      });
    } finally {
      release();
      await held;
    }
    expect(await db.system.count({ where: { name: "busy" } })).toBe(0);
  });
});
