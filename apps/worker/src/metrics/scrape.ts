// Scrapes each cluster's metrics.k8s.io every 15 s, as metrics-server's resolution, into PodMetricPoint
// and NodeMetricPoint (docs/metrics.md). Several workers share the clusters: each 15-second window of a
// cluster is claimed by one worker (a conditional upsert of its MetricsScrape row), so a scrape is never
// taken twice, and a worker that stops leaves the next window to the others.
import type { Cluster, Db } from "@capstan/db";
import { LABEL, MANAGED, SCRAPE_INTERVAL_MS, scrapeWindow, usageMiB, usageMillicores } from "@capstan/domain";
import { callTimeoutMs } from "@capstan/orchestrator";
import { clientFor } from "../clients";
import { failureOf } from "../controllers/failure";

/** A scrape call's deadline: within the 15 s window (a cluster slow to answer must not pile scrapes up). */
const SCRAPE_DEADLINE_MS = 10_000;
/** Rows per INSERT: one statement per ~20,000 points keeps each parameter array a few hundred KiB. */
const CHUNK = 20_000;

interface UsageItem {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  usage?: { cpu?: string; memory?: string };
  containers?: { usage?: { cpu?: string; memory?: string } }[];
}

type ClusterRow = Pick<Cluster, "id" | "name" | "version" | "kubeconfigEnc">;

/** What one scrape of one cluster wrote. */
export interface ScrapeResult {
  pods: number;
  nodes: number;
}

/** Group ids of a cluster by "system/application/group", the labels Capstan's pods carry. */
async function groupIds(db: Db, clusterId: string): Promise<Map<string, string>> {
  const groups = await db.group.findMany({
    where: { clusterId },
    select: { id: true, name: true, application: { select: { name: true, system: { select: { name: true } } } } },
  });
  return new Map(groups.map((g) => [`${g.application.system.name}/${g.application.name}/${g.name}`, g.id]));
}

/**
 * Reads a cluster's pod and node metrics and writes them as 15-second points at `at` (a window start):
 * pods of Capstan's groups only (selected by Capstan's managed-by label, matched to groups by their
 * labels), every node. Points already there (the same window) are kept. Each call has a deadline of
 * 10 s (or the call deadline, if shorter); throws what the cluster's client throws.
 */
export async function scrapeCluster(db: Db, cluster: ClusterRow, at: Date): Promise<ScrapeResult> {
  const client = clientFor(cluster);
  const timeoutMs = Math.min(SCRAPE_DEADLINE_MS, callTimeoutMs());
  const base = "/apis/metrics.k8s.io/v1beta1";
  const managed = Object.entries(MANAGED)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  const [pods, nodes, groups] = await Promise.all([
    client.list<UsageItem>(`${base}/pods`, { labelSelector: `${managed},${LABEL.group}` }, { timeoutMs }),
    client.list<UsageItem>(`${base}/nodes`, {}, { timeoutMs }),
    groupIds(db, cluster.id),
  ]);
  const p = { group: [] as string[], pod: [] as string[], cpu: [] as number[], mem: [] as number[] };
  for (const item of pods.items) {
    const l = item.metadata.labels ?? {};
    const groupId = groups.get(`${l[LABEL.system]}/${l[LABEL.application]}/${l[LABEL.group]}`);
    if (!groupId) continue;
    let cpu = 0,
      mem = 0;
    for (const c of item.containers ?? []) {
      cpu += usageMillicores(c.usage?.cpu ?? "0");
      mem += usageMiB(c.usage?.memory ?? "0");
    }
    if (!Number.isFinite(cpu) || !Number.isFinite(mem)) continue;
    p.group.push(groupId);
    p.pod.push(item.metadata.name);
    p.cpu.push(cpu);
    p.mem.push(mem);
  }
  await writePodPoints(db, at, p);

  const n = { node: [] as string[], cpu: [] as number[], mem: [] as number[] };
  for (const item of nodes.items) {
    const cpu = usageMillicores(item.usage?.cpu ?? ""),
      mem = usageMiB(item.usage?.memory ?? "");
    if (!Number.isFinite(cpu) || !Number.isFinite(mem)) continue;
    n.node.push(item.metadata.name);
    n.cpu.push(cpu);
    n.mem.push(mem);
  }
  await writeNodePoints(db, cluster.id, at, n);
  return { pods: p.pod.length, nodes: n.node.length };
}

/**
 * A PostgreSQL array literal of `xs` ('{"a","b"}'), each element quoted and escaped (array input syntax,
 * PostgreSQL docs 8.15.6). Sent as one text parameter: binding a JavaScript array of 20,000 elements goes
 * through the driver adapter element by element and took three times as long.
 */
export function pgArray(xs: readonly (string | number)[]): string {
  return `{${xs.map((x) => (typeof x === "number" ? String(x) : `"${x.replace(/["\\]/g, "\\$&")}"`)).join(",")}}`;
}

/** Pod points of one window, as columns (one statement per 20,000 rows, no per-row round trip); existing points are kept. */
export async function writePodPoints(db: Db, at: Date, p: { group: string[]; pod: string[]; cpu: number[]; mem: number[] }): Promise<void> {
  const iso = at.toISOString();
  for (let i = 0; i < p.pod.length; i += CHUNK) {
    const s = (xs: readonly (string | number)[]) => pgArray(xs.slice(i, i + CHUNK));
    await db.$executeRaw`
      INSERT INTO "PodMetricPoint" ("groupId", resolution, at, pod, "cpuMillis", "memoryMiB")
      SELECT g, 15, ${iso}::timestamp(3), n, c, m
      FROM unnest(${s(p.group)}::uuid[], ${s(p.pod)}::text[], ${s(p.cpu)}::real[], ${s(p.mem)}::real[]) AS t(g, n, c, m)
      ON CONFLICT DO NOTHING`;
  }
}

/** A cluster's node points of one window, as writePodPoints. */
export async function writeNodePoints(db: Db, clusterId: string, at: Date, n: { node: string[]; cpu: number[]; mem: number[] }): Promise<void> {
  const iso = at.toISOString();
  for (let i = 0; i < n.node.length; i += CHUNK) {
    const s = (xs: readonly (string | number)[]) => pgArray(xs.slice(i, i + CHUNK));
    await db.$executeRaw`
      INSERT INTO "NodeMetricPoint" ("clusterId", node, resolution, at, "cpuMillis", "memoryMiB")
      SELECT ${clusterId}::uuid, n, 15, ${iso}::timestamp(3), c, m
      FROM unnest(${s(n.node)}::text[], ${s(n.cpu)}::real[], ${s(n.mem)}::real[]) AS t(n, c, m)
      ON CONFLICT DO NOTHING`;
  }
}

/** Claims a cluster's window: true for the one worker that gets it. */
async function claim(db: Db, clusterId: string, at: Date): Promise<boolean> {
  const iso = at.toISOString();
  const rows = await db.$queryRaw<unknown[]>`
    INSERT INTO "MetricsScrape" ("clusterId", "claimedAt") VALUES (${clusterId}::uuid, ${iso}::timestamp(3))
    ON CONFLICT ("clusterId") DO UPDATE SET "claimedAt" = EXCLUDED."claimedAt" WHERE "MetricsScrape"."claimedAt" < EXCLUDED."claimedAt"
    RETURNING 1`;
  return rows.length > 0;
}

/**
 * One round: every cluster whose window (of `now`) no worker has claimed yet is scraped, all at once. A
 * cluster that fails (refuses, times out) has the failure recorded on its MetricsScrape row
 * (lastError, a CamelCase lastErrorReason such as DeadlineExceeded, failedAttempts) and does not hold up
 * the others. Resolves to what each scraped cluster wrote, by cluster name, or its failure's reason.
 */
export async function scrapeRound(db: Db, now = Date.now()): Promise<Map<string, ScrapeResult | string>> {
  const at = scrapeWindow(now);
  const clusters = await db.cluster.findMany({ select: { id: true, name: true, version: true, kubeconfigEnc: true } });
  const out = new Map<string, ScrapeResult | string>();
  await Promise.all(
    clusters.map(async (c) => {
      if (!(await claim(db, c.id, at))) return;
      const started = Date.now();
      try {
        const r = await scrapeCluster(db, c, at);
        out.set(c.name, r);
        await db.metricsScrape.update({
          where: { clusterId: c.id },
          data: {
            lastSuccessAt: new Date(),
            lastError: null,
            lastErrorReason: null,
            lastErrorAt: null,
            failedAttempts: 0,
            ...r,
            durationMs: Date.now() - started,
          },
        });
      } catch (e) {
        const f = failureOf(e);
        out.set(c.name, f.reason);
        await db.metricsScrape.update({
          where: { clusterId: c.id },
          data: { lastError: f.message, lastErrorReason: f.reason, lastErrorAt: f.at, failedAttempts: { increment: 1 } },
        });
      }
    }),
  );
  return out;
}

/** Scrapes every `everyMs` (15 s) until stopped, at the start of each window. */
export function startMetricsScraper(db: Db, log: (msg: string) => void, everyMs = SCRAPE_INTERVAL_MS) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: () => void = () => {};
  const loop = async () => {
    while (!stopped) {
      await scrapeRound(db).catch((e) => log(`metrics: ${(e as Error).message}`));
      if (stopped) break;
      await new Promise<void>((r) => {
        wake = r;
        timer = setTimeout(r, everyMs - (Date.now() % everyMs));
      });
    }
  };
  const done = loop();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wake();
      await done;
    },
  };
}
