// Keyset pages over the lists that grow at the head (issue 12, finding 9): read a page, let rows arrive
// (and leave), read on with the cursor: no row repeats and none is skipped. Real PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../tests/database";
import {
  createDepartment,
  createGroup,
  createQuotaRequest,
  listAuditEvents,
  listGroupRevisions,
  listQuotaRequests,
  rejectQuotaRequest,
  restartGroup,
} from "./index";
import { buildWorld, withDataCentre, type World } from "./testing/fixtures";

let world: World;
const admin = () => world.as.platformAdmin;

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
});

type Lister = (query: Record<string, string>) => Promise<{ items: unknown[]; nextCursor: string | null }>;
/** Every page after `cursor`, in order. */
async function rest<T>(list: Lister, query: Record<string, string>, cursor: string | null, id: (row: T) => string): Promise<string[]> {
  const ids: string[] = [];
  while (cursor) {
    const page = await list({ ...query, cursor });
    ids.push(...(page.items as T[]).map(id));
    cursor = page.nextCursor;
  }
  return ids;
}

describe("audit log", () => {
  it("the next page continues after the last row read, while audited edits arrive at the head", async () => {
    // Seven older events; four share one instant, so the first page ends inside a tie (broken by id).
    const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    const seeded = [t(1), t(2), t(3), t(3), t(3), t(3), t(4)].map((at, i) => ({
      at,
      actorEmail: "a@capstan.test",
      action: "seed.event",
      targetType: "x",
      targetId: String(i),
      targetName: String(i),
    }));
    await world.db.auditEvent.createMany({ data: seeded });
    const all = (await listAuditEvents(admin(), { pageSize: "100" })).items.map((e) => e.id);
    expect(all).toHaveLength(7);

    const first = await listAuditEvents(admin(), { pageSize: "5" });
    expect(first.items.map((e) => e.id)).toEqual(all.slice(0, 5));
    expect(first.nextCursor).toEqual(expect.any(String));
    // Two audited edits while the reader looks at page 1.
    await createDepartment(admin(), { name: "new-one", displayName: "New one" });
    await createDepartment(admin(), { name: "new-two", displayName: "New two" });

    const next = await rest<{ id: string }>(
      (q) => listAuditEvents(admin(), q),
      { pageSize: "5" },
      first.nextCursor,
      (e) => e.id,
    );
    expect(next).toEqual(all.slice(5)); // no repeat, no skip
    // The new edits are at the head of page 1 when it is read again.
    expect((await listAuditEvents(admin(), { pageSize: "5" })).items.slice(0, 2).map((e) => e.action)).toEqual(["department.create", "department.create"]);
  });

  it("filters keep applying after the cursor, and a cursor that is not this list's is a 400 naming it", async () => {
    const first = await listAuditEvents(admin(), { pageSize: "3", action: "seed." });
    const next = await rest<{ action: string }>(
      (q) => listAuditEvents(admin(), q),
      { pageSize: "3", action: "seed." },
      first.nextCursor,
      (e) => e.action,
    );
    expect([...first.items.map((e) => e.action), ...next]).toEqual(Array(7).fill("seed.event"));
    const foreign = Buffer.from(JSON.stringify({ key: "5", id: "00000000-0000-0000-0000-000000000000" })).toString("base64url");
    for (const cursor of [
      "nonsense",
      foreign,
      Buffer.from(JSON.stringify({ key: "2026-01-01T00:00:03.000Z", id: "99999999999999999999" })).toString("base64url"),
    ])
      await expect(listAuditEvents(admin(), { cursor })).rejects.toMatchObject({ status: 400, fields: { cursor: "is not one this list returned" } });
  });
});

describe("quota requests and a group's release history", () => {
  beforeAll(async () => {
    await withDataCentre(world);
  });
  const ask = (reason: string) =>
    createQuotaRequest(world.as.developer, { system: "shop", dataCentre: "dc1", cpu: "1", memory: "0", gpu: 0, instances: 0, reason });

  it("quota requests: requests made and decided meanwhile neither repeat nor skip a pending one", async () => {
    for (let i = 1; i <= 7; i++) await ask(`r${i}`);
    const query = { status: "PENDING", pageSize: "3" };
    // Newest first; requests made in the same millisecond are ordered by id.
    const all = (await listQuotaRequests(admin(), { status: "PENDING" })).items.map((r) => r.reason);
    expect([...all].sort()).toEqual(["r1", "r2", "r3", "r4", "r5", "r6", "r7"]);
    const first = await listQuotaRequests(admin(), query);
    expect(first.items.map((r) => r.reason)).toEqual(all.slice(0, 3));
    // Meanwhile: two new requests, and one on page 1 is decided (it leaves the pending list).
    await ask("r8");
    await ask("r9");
    const decided = first.items[1]!;
    await rejectQuotaRequest(world.as.departmentAdmin, decided.id, { comment: "not now", version: decided.version });
    const next = await rest<{ reason: string }>(
      (q) => listQuotaRequests(admin(), q),
      query,
      first.nextCursor,
      (r) => r.reason,
    );
    expect(next).toEqual(all.slice(3));
  });

  it("a group's revisions: rollouts made meanwhile do not push page 1's rows onto page 2", async () => {
    await createGroup(world.as.developer, "shop", "storefront", {
      name: "web",
      dataCentre: "dc1",
      imageTag: "1.0.0",
      replicas: 1,
      cpu: "100m",
      memory: "128Mi",
    });
    for (let i = 0; i < 4; i++) await restartGroup(world.as.developer, "shop", "storefront", "web");
    const list: Lister = (q) => listGroupRevisions(world.as.viewer, "shop", "storefront", "web", q);
    const first = await listGroupRevisions(world.as.viewer, "shop", "storefront", "web", { pageSize: "2" });
    expect(first.items.map((r) => r.revision)).toEqual([5, 4]);
    await restartGroup(world.as.developer, "shop", "storefront", "web");
    await restartGroup(world.as.developer, "shop", "storefront", "web");
    expect(await rest<{ revision: number }>(list, { pageSize: "2" }, first.nextCursor, (r) => String(r.revision))).toEqual(["3", "2", "1"]);
    // The oldest row of a page is still diffed against its predecessor on the next page.
    const second = await listGroupRevisions(world.as.viewer, "shop", "storefront", "web", { pageSize: "1", cursor: first.nextCursor! });
    expect(second.items.map((r) => [r.revision, r.changeCause])).toEqual([[3, "restarted"]]);
  });
});
