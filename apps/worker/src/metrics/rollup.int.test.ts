// Rollups average the right points into minutes, 5-minute points and hours, move their watermark, and retention removes
// what is older than each resolution is kept.
import { randomUUID } from "node:crypto";
import type { Db } from "@capstan/db";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { pruneMetrics, rollupMetrics } from "./rollup";

let db: Db;
beforeAll(async () => {
  ({ db } = await testDatabase());
});

const T0 = Date.UTC(2026, 5, 1, 10, 0, 0);
const at = (ms: number) => new Date(ms).toISOString();
async function point(table: "pod" | "node", groupOrCluster: string, resolution: number, ms: number, cpu: number, mem: number) {
  if (table === "pod")
    await db.$executeRaw`INSERT INTO "PodMetricPoint" ("groupId", resolution, at, pod, "cpuMillis", "memoryMiB")
      VALUES (${groupOrCluster}::uuid, ${resolution}::smallint, ${at(ms)}::timestamp(3), 'web-1', ${cpu}, ${mem})`;
  else
    await db.$executeRaw`INSERT INTO "NodeMetricPoint" ("clusterId", node, resolution, at, "cpuMillis", "memoryMiB")
      VALUES (${groupOrCluster}::uuid, 'n1', ${resolution}::smallint, ${at(ms)}::timestamp(3), ${cpu}, ${mem})`;
}
const points = (groupId: string, resolution: number) =>
  db.podMetricPoint.findMany({ where: { groupId, resolution }, orderBy: { at: "asc" }, select: { at: true, cpuMillis: true, memoryMiB: true } });

describe("metrics rollups", () => {
  it("average 15-second points into minutes, and minutes into 5-minute points and hours, once each interval is complete", async () => {
    const g = randomUUID(),
      c = randomUUID();
    // two minutes of scrapes: 100..400 m in the first minute, 1000 in each of the second
    for (let i = 0; i < 4; i++) await point("pod", g, 15, T0 + i * 15_000, 100 * (i + 1), 64);
    for (let i = 0; i < 4; i++) await point("pod", g, 15, T0 + 60_000 + i * 15_000, 1000, 128);
    for (let i = 0; i < 4; i++) await point("node", c, 15, T0 + i * 15_000, 2000 + i, 4096);
    // 40 s into the third minute: the second minute is not settled yet (scrapes may still land), the first is
    await rollupMetrics(db, T0 + 60_000 + 40_000);
    expect(await points(g, 60)).toEqual([{ at: new Date(T0), cpuMillis: 250, memoryMiB: 64 }]);
    await rollupMetrics(db, T0 + 2 * 60_000 + 31_000);
    expect((await points(g, 60)).map((p) => p.cpuMillis)).toEqual([250, 1000]);
    const node = await db.nodeMetricPoint.findMany({ where: { clusterId: c, resolution: 60 } });
    expect(node.map((n) => n.cpuMillis)).toEqual([2001.5]);

    // the 5-minute point (the 24-hour range's step): the mean of its minutes, once they are over plus two minutes
    expect(await points(g, 300)).toEqual([]);
    await rollupMetrics(db, T0 + 5 * 60_000 + 119_000);
    expect(await points(g, 300)).toEqual([]);
    await rollupMetrics(db, T0 + 5 * 60_000 + 121_000);
    expect(await points(g, 300)).toEqual([{ at: new Date(T0), cpuMillis: 625, memoryMiB: 96 }]);
    const node5 = await db.nodeMetricPoint.findMany({ where: { clusterId: c, resolution: 300 } });
    expect(node5.map((n) => n.cpuMillis)).toEqual([2001.5]);

    // the hour: the mean of its minutes, once the hour (plus two minutes) is over
    expect(await points(g, 3600)).toEqual([]);
    await rollupMetrics(db, T0 + 3_600_000 + 121_000);
    expect(await points(g, 3600)).toEqual([{ at: new Date(T0), cpuMillis: 625, memoryMiB: 96 }]);
    // the minute watermark moved, so a later run does not aggregate the same minutes again (rows are upserts anyway)
    expect((await db.metricsRollup.findUniqueOrThrow({ where: { resolution: 60 } })).doneUntil.getTime()).toBe(T0 + 3_600_000 + 60_000);
  });

  it("remove 15-second points after an hour, minutes and 5-minute points after a day, hours after 30 days", async () => {
    const g = randomUUID();
    const now = T0 + 40 * 86_400_000;
    await point("pod", g, 15, now - 3_600_000 - 1000, 1, 1);
    await point("pod", g, 15, now - 3_500_000, 2, 2);
    await point("pod", g, 60, now - 86_400_000 - 60_000, 3, 3);
    await point("pod", g, 60, now - 86_000_000, 4, 4);
    await point("pod", g, 3600, now - 30 * 86_400_000 - 3_600_000, 5, 5);
    await point("pod", g, 3600, now - 29 * 86_400_000, 6, 6);
    await point("pod", g, 300, now - 86_400_000 - 300_000, 7, 7);
    await point("pod", g, 300, now - 86_000_000, 8, 8);
    await pruneMetrics(db, now);
    const left = await db.podMetricPoint.findMany({ where: { groupId: g }, orderBy: { cpuMillis: "asc" } });
    expect(left.map((p) => p.cpuMillis)).toEqual([2, 4, 6, 8]);
  });
});
