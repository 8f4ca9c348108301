// Notifications raised in the transactions that cause them (quota requests waiting, decided, escalated),
// read, marked read and chosen per kind; outbound deliveries queued beside them; delivery targets whose
// webhook URL is checked against the outbound policy and never shown again.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import {
  approveQuotaRequest,
  createQuotaRequest,
  getNotificationPreferences,
  getNotificationTarget,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  registerDataCentre,
  rejectQuotaRequest,
  setDepartmentQuota,
  setNotificationPreferences,
  setNotificationTarget,
} from "../index";
import { buildWorld, outcome, type World } from "../testing/fixtures";

let world: World;
const as = () => world.as;
const ask = (cpu = "1") => createQuotaRequest(as().developer, { system: "shop", dataCentre: "n1", cpu, memory: "1Gi", gpu: 0, instances: 1, reason: "launch" });
const deliveries = async () =>
  (
    await world.db.$queryRaw<{ payload: { channel: string; userId?: string; departmentId?: string; reason: string } }[]>`
      SELECT j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = 'deliver-notification' ORDER BY j.id`
  ).map((j) => j.payload);
const clearDeliveries = () => world.db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  await registerDataCentre(as().platformAdmin, {
    name: "n1",
    displayName: "N1",
    region: "r",
    harborUrl: "http://harbor.n1.test",
    harborUsername: "admin",
    harborPassword: "pw",
  });
  await setDepartmentQuota(as().platformAdmin, "retail", "n1", { cpu: "4", memory: "8Gi", gpu: 0, instances: 10 });
});

describe("quota request notifications", () => {
  it("a request waiting tells the department's admins, in the same transaction, and queues their e-mail", async () => {
    await clearDeliveries();
    const r = await ask();
    const lead = await listNotifications(as().departmentAdmin, {});
    expect(lead.unread).toBe(1);
    expect(lead.items[0]).toMatchObject({
      kind: "quota-request.waiting",
      reason: "quota_request_waiting",
      params: { requester: "dev", system: "shop", dataCentre: "n1" },
      message: "dev asks for more quota for shop in n1.",
      link: `/quotas?request=${r.id}`,
      read: false,
    });
    // nobody else: not the requester, not another department, not the platform
    for (const role of ["developer", "viewer", "platformAdmin", "ops"] as const) expect((await listNotifications(as()[role], {})).total).toBe(0);
    const lead_id = as().departmentAdmin.actor.userId;
    expect(await deliveries()).toEqual([expect.objectContaining({ channel: "email", userId: lead_id, reason: "quota_request_waiting" })]);
  });

  it("the decision tells the requester; a refused decision (rolled back) tells no one", async () => {
    const r = await ask();
    const stale = await outcome(() => approveQuotaRequest(as().departmentAdmin, r.id, { version: r.version + 5 }));
    expect(stale).toBe(409);
    expect((await listNotifications(as().developer, {})).total).toBe(0);
    await approveQuotaRequest(as().departmentAdmin, r.id, { version: r.version });
    const dev = await listNotifications(as().developer, { unread: "true" });
    expect(dev.items.map((n) => [n.reason, n.message])).toEqual([["quota_request_approved", "lead approved your quota request for shop in n1."]]);
    const again = await ask();
    await rejectQuotaRequest(as().departmentAdmin, again.id, { comment: "use n2", version: again.version });
    expect((await listNotifications(as().developer, {})).items[0]).toMatchObject({ reason: "quota_request_rejected", params: { comment: "use n2" } });
  });

  it("a request beyond the department's quota, forwarded, tells the platform admins", async () => {
    const r = await ask("100");
    await approveQuotaRequest(as().departmentAdmin, r.id, { version: r.version });
    const admin = await listNotifications(as().platformAdmin, {});
    expect(admin.items[0]).toMatchObject({ reason: "quota_request_escalated", params: { reviewer: "lead", system: "shop" } });
    expect((await listNotifications(as().ops, {})).total).toBe(0);
  });
});

describe("reading notifications", () => {
  it("marks one read, then all; another's notification is not found", async () => {
    await ask();
    const page = await listNotifications(as().departmentAdmin, { unread: "true" });
    expect(page.unread).toBeGreaterThan(1);
    const first = page.items[0]!;
    expect(await outcome(() => markNotificationRead(as().developer, first.id))).toBe(404);
    expect(await outcome(() => markNotificationRead(as().departmentAdmin, "not-a-uuid"))).toBe(404);
    expect(await markNotificationRead(as().departmentAdmin, first.id)).toMatchObject({ id: first.id, read: true });
    expect((await listNotifications(as().departmentAdmin, {})).unread).toBe(page.unread - 1);
    expect(await markAllNotificationsRead(as().departmentAdmin)).toEqual({ marked: page.unread - 1, unread: 0 });
    expect((await listNotifications(as().departmentAdmin, { unread: "true" })).items).toEqual([]);
    const audit = await world.db.auditEvent.findMany({ where: { action: { startsWith: "notification.read" } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["notification.read", "notification.read-all"]);
  });

  it("pages newest first by cursor without repeats", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listNotifications(as().departmentAdmin, { pageSize: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe((await listNotifications(as().departmentAdmin, {})).total);
    expect(await outcome(() => listNotifications(as().departmentAdmin, { cursor: "nonsense" }))).toBe(400);
  });
});

describe("preferences", () => {
  it("defaults per kind; a kind turned off in the portal and by e-mail is neither stored nor queued", async () => {
    const before = await getNotificationPreferences(as().departmentAdmin);
    expect(before.preferences.find((p) => p.kind === "quota-request.waiting")).toEqual({
      kind: "quota-request.waiting",
      inApp: true,
      email: true,
      webhook: false,
    });
    await setNotificationPreferences(as().departmentAdmin, { preferences: [{ kind: "quota-request.waiting", inApp: false, email: false, webhook: false }] });
    const unread = (await listNotifications(as().departmentAdmin, {})).total;
    await clearDeliveries();
    await ask();
    expect((await listNotifications(as().departmentAdmin, {})).total).toBe(unread);
    expect(await deliveries()).toEqual([]);
    expect(
      await outcome(() => setNotificationPreferences(as().departmentAdmin, { preferences: [{ kind: "nope", inApp: true, email: true, webhook: true }] })),
    ).toBe(422);
    await setNotificationPreferences(as().departmentAdmin, { preferences: [{ kind: "quota-request.waiting", inApp: true, email: false, webhook: true }] });
  });
});

describe("delivery targets", () => {
  it("keeps a webhook URL sealed, shows its host only, and refuses what the outbound policy denies", async () => {
    const url = "http://127.0.0.1:9/cgi-bin/webhook/send?key=bot-secret-key";
    expect(await getNotificationTarget(as().departmentAdmin)).toMatchObject({ version: 0 });
    // the version a page read before there was a target (0) is the current one
    const saved = await setNotificationTarget(as().departmentAdmin, {}, { email: null, webhookUrl: url, webhookFormat: "msgtype", version: 0 });
    expect(saved).toEqual({ email: null, webhookHost: "127.0.0.1:9", webhookFormat: "msgtype", version: 1 });
    expect(JSON.stringify(await getNotificationTarget(as().departmentAdmin))).not.toContain("bot-secret-key");
    const row = await world.db.notificationTarget.findFirstOrThrow({ where: { userId: as().departmentAdmin.actor.userId } });
    expect(row.webhookUrlSealed).not.toContain("bot-secret-key");
    const audit = await world.db.auditEvent.findFirstOrThrow({ where: { action: "notification.target.set" } });
    expect(JSON.stringify({ ...audit, id: String(audit.id) })).not.toContain("bot-secret-key");
    // left out, the URL stays; a stale version is refused
    expect(await setNotificationTarget(as().departmentAdmin, {}, { email: "team@capstan.test", webhookFormat: "slack", version: 1 })).toMatchObject({
      webhookHost: "127.0.0.1:9",
      email: "team@capstan.test",
      version: 2,
    });
    expect(await outcome(() => setNotificationTarget(as().departmentAdmin, {}, { email: null, webhookFormat: "slack", version: 1 }))).toBe(409);
    const metadata = setNotificationTarget(as().departmentAdmin, {}, { email: null, webhookUrl: "http://169.254.169.254/hook", webhookFormat: "slack" });
    await expect(metadata).rejects.toMatchObject({ status: 422, reason: "webhook_url_refused", fields: { webhookUrl: expect.stringContaining("link-local") } });
    // the webhook preference and the user's target queue a webhook delivery (its payload holds no URL)
    await clearDeliveries();
    await ask();
    const queued = await deliveries();
    expect(queued).toEqual([expect.objectContaining({ channel: "webhook", userId: as().departmentAdmin.actor.userId })]);
    expect(JSON.stringify(queued)).not.toContain("bot-secret-key");
  });

  it("a department's target: its admins set it, developers may not; it hears of the department's events", async () => {
    expect(
      await outcome(() => setNotificationTarget(as().developer, { department: "retail" }, { email: "retail@capstan.test", webhookFormat: "msgtype" })),
    ).toBe(403);
    expect(await outcome(() => getNotificationTarget(as().developer, { department: "finance" }))).toBe(404);
    await setNotificationTarget(as().departmentAdmin, { department: "retail" }, { email: "retail@capstan.test", webhookFormat: "msgtype" });
    await clearDeliveries();
    await ask();
    expect(await deliveries()).toContainEqual(expect.objectContaining({ channel: "email", departmentId: expect.any(String), reason: "quota_request_waiting" }));
  });
});
