// The usage history as the API answers it: a group's 24 hours from 5-minute points, 30 days in 3-hour
// steps averaged from hours, the
// last hour from 15-second points, requests and limits beside them; who may read it; bad ranges refused.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { loadActor } from "../context";
import { createGroup, getGroupMetrics, getNodeMetrics } from "../index";
import { buildWorld, outcome, withDataCentre, type World } from "../testing/fixtures";

let world: World;
let groupId: string;
const MIN = 60_000;
const H = 60 * MIN;
const floor = (ms: number, step: number) => Math.floor(ms / step) * step;
/** The rollups' watermarks, as a worker that runs leaves them: minutes and 5-minute points to the last whole one, hours to the last hour but one. */
const marks = { 60: floor(Date.now(), MIN) - MIN, 300: floor(Date.now(), 5 * MIN), 3600: floor(Date.now(), H) - H };

async function insert(
  resolution: number,
  pods: string[],
  from: number,
  count: number,
  stepMs: number,
  cpu: (i: number, pod: number) => number,
  group = groupId,
) {
  const g: string[] = [],
    r: number[] = [],
    at: string[] = [],
    pod: string[] = [],
    c: number[] = [],
    m: number[] = [];
  for (let i = 0; i < count; i++)
    pods.forEach((p, k) => {
      g.push(group);
      r.push(resolution);
      at.push(new Date(from + i * stepMs).toISOString());
      pod.push(p);
      c.push(cpu(i, k));
      m.push(256);
    });
  await world.db.$executeRaw`INSERT INTO "PodMetricPoint" ("groupId", resolution, at, pod, "cpuMillis", "memoryMiB")
    SELECT * FROM unnest(${g}::uuid[], ${r}::smallint[], ${at}::timestamp(3)[], ${pod}::text[], ${c}::real[], ${m}::real[])`;
}

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  await withDataCentre(world);
  await createGroup(world.as.developer, "shop", "storefront", { name: "web", dataCentre: "dc1", imageTag: "1.0.0", replicas: 2, cpu: "500m", memory: "512Mi" });
  groupId = (await world.db.group.findFirstOrThrow({ where: { name: "web" } })).id;
  for (const [resolution, at] of Object.entries(marks))
    await world.db.metricsRollup.create({ data: { resolution: Number(resolution), doneUntil: new Date(at) } });
});

describe("a group's usage history", () => {
  it("answers 24 hours from 5-minute points (not the minutes), with requests and limits", async () => {
    // a day of 5-minute points for two pods: 100m for the first 12 hours, 300m after; pod b 10m more
    const start = Math.floor(Date.now() / (5 * MIN)) * 5 * MIN - 24 * 60 * MIN;
    await insert(300, ["web-a", "web-b"], start, 24 * 12, 5 * MIN, (i, k) => (i < 12 * 12 ? 100 : 300) + 10 * k);
    // minute points of the same day say otherwise: the 24-hour range must not read them
    await insert(60, ["web-a"], start, 60, MIN, () => 999);
    const h = await getGroupMetrics(world.as.developer, "shop", "storefront", "web", { range: "24h" });
    expect(h).toMatchObject({ range: "24h", stepSeconds: 300, requests: { cpuMillis: 500, memoryMiB: 512 }, limits: { cpuMillis: 1000, memoryMiB: 512 } });
    expect(h.times).toHaveLength(288);
    expect(h.pods.map((p) => p.name)).toEqual(["web-a", "web-b"]);
    const a = h.pods[0]!.cpuMillis,
      b = h.pods[1]!.cpuMillis;
    // the range starts one step after the day's first point (the current step is the range's last)
    const i = h.times.indexOf(new Date(start + 5 * MIN).toISOString());
    expect(i).toBe(0);
    expect(a[i]).toBe(100);
    expect(b[i]).toBe(110);
    expect(a[i + 12 * 12 - 2]).toBe(100);
    expect(a[i + 12 * 12 - 1]).toBe(300);
    expect(h.pods[0]!.memoryMiB[i]).toBe(256);
    // a step straddling no points reads null, not zero
    expect(a[h.times.length - 1]).toBeNull();
  });

  it("answers 30 days in 3-hour steps, each the mean of its hours", async () => {
    const H = 60 * MIN;
    const start = Math.floor(Date.now() / (3 * H)) * 3 * H - 24 * H;
    await insert(3600, ["web-a", "web-c"], start, 6, H, (i, k) => i * 100 + k);
    const h = await getGroupMetrics(world.as.developer, "shop", "storefront", "web", { range: "30d" });
    expect(h.stepSeconds).toBe(3 * 3600);
    expect(h.pods.map((p) => p.name)).toEqual(["web-a", "web-c"]);
    const i = h.times.indexOf(new Date(start).toISOString());
    expect(h.pods[0]!.cpuMillis.slice(i - 1, i + 3)).toEqual([null, 100, 400, null]);
    expect(h.pods[1]!.cpuMillis.slice(i, i + 2)).toEqual([101, 401]);
  });

  it("answers the last hour from 15-second points, each its own step", async () => {
    const start = Math.floor(Date.now() / 15_000) * 15_000 - 10 * 15_000;
    await insert(15, ["web-a"], start, 10, 15_000, (i) => i * 10);
    const h = await getGroupMetrics(world.as.viewer, "shop", "storefront", "web", {});
    expect(h.stepSeconds).toBe(15);
    const i = h.times.indexOf(new Date(start).toISOString());
    expect(h.pods[0]!.cpuMillis.slice(i, i + 10)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });

  it("answers 7 and 30 days of a group too new for hours from its minutes and scrapes, and says which were read", async () => {
    // Deployed after the last hour rolled up: no hours of its own, minutes up to the minutes' watermark
    // (200m), 15-second points after it (400m).
    await createGroup(world.as.developer, "shop", "storefront", {
      name: "fresh",
      dataCentre: "dc1",
      imageTag: "1.0.0",
      replicas: 1,
      cpu: "500m",
      memory: "512Mi",
    });
    const fresh = (await world.db.group.findFirstOrThrow({ where: { name: "fresh" } })).id;
    await insert(60, ["fresh-a"], marks[3600], (marks[60] - marks[3600]) / MIN, MIN, () => 200, fresh);
    await insert(15, ["fresh-a"], marks[60], 4, 15_000, () => 400, fresh);
    const week = await getGroupMetrics(world.as.developer, "shop", "storefront", "fresh", { range: "7d" });
    expect(week.sources).toEqual([
      { resolution: 3600, from: week.from, to: new Date(marks[3600]).toISOString() },
      { resolution: 60, from: new Date(marks[3600]).toISOString(), to: new Date(marks[60]).toISOString() },
      { resolution: 15, from: new Date(marks[60]).toISOString(), to: week.to },
    ]);
    const cpu = week.pods[0]!.cpuMillis;
    expect(cpu[week.times.indexOf(new Date(marks[3600]).toISOString())]).toBe(200);
    // the hour of the scrapes: its minutes and the scrapes since, each weighted by the time it covers
    const minutes = (marks[60] - floor(marks[60], H)) / MIN;
    expect(cpu[week.times.indexOf(new Date(floor(marks[60], H)).toISOString())]).toBeCloseTo((200 * 60 * minutes + 400 * 15 * 4) / (60 * minutes + 15 * 4), 0);
    const month = await getGroupMetrics(world.as.developer, "shop", "storefront", "fresh", { range: "30d" });
    expect(month.sources.map((s) => s.resolution)).toEqual([3600, 60, 15]);
    expect(month.pods[0]!.cpuMillis.some((v) => v !== null)).toBe(true);
  });

  it("is read by whoever may read the group; others are told it does not exist; a range not offered is a 400 naming it", async () => {
    const finance = { db: world.db, actor: await loadActor(world.db, (await world.db.user.findUniqueOrThrow({ where: { email: "fin@capstan.test" } })).id) };
    expect(await outcome(() => getGroupMetrics(finance, "shop", "storefront", "web", {}))).toBe(404);
    await expect(getGroupMetrics(world.as.developer, "shop", "storefront", "web", { range: "2h" })).rejects.toMatchObject({
      status: 400,
      fields: { range: expect.stringContaining("1h") },
    });
  });
});

describe("a node's usage history", () => {
  it("is for platform admins and ops", async () => {
    const node = await world.db.node.create({
      data: { clusterId: (await world.db.cluster.findFirstOrThrow()).id, name: "n1", allocCpuMillis: 3900, allocMemoryMiB: 16000 },
    });
    const now = Math.floor(Date.now() / 15_000) * 15_000 - 15_000;
    await world.db.nodeMetricPoint.create({
      data: { clusterId: node.clusterId, node: "n1", resolution: 15, at: new Date(now), cpuMillis: 1234, memoryMiB: 2048 },
    });
    const h = await getNodeMetrics(world.as.ops, "dc1-a", "n1", { range: "1h" });
    expect(h.allocatable).toEqual({ cpuMillis: 3900, memoryMiB: 16000 });
    expect(h.cpuMillis[h.times.indexOf(new Date(now).toISOString())]).toBe(1234);
    expect(await outcome(() => getNodeMetrics(world.as.developer, "dc1-a", "n1", {}))).toBe(403);
  });
});
