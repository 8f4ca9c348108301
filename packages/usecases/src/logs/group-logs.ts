import { secrets } from "@capstan/db/secrets";
import { domainError, fieldError, GroupLogQuery, notFound, parseInput } from "@capstan/domain";
import { loadKubeconfig, mergeLogLines, openPodLog, PodLogError, type PodLogLine } from "@capstan/orchestrator";
import type { Context } from "../context";
import { findGroup } from "../groups/find-group";
import { acquireLogStream } from "./stream-leases";

/** How long opening one pod's log may take before it counts as unreachable (ms). */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * A group's logs as text/plain lines (docs/logs.md), for anyone who may read the group. With `pod`, that
 * pod's lines; without, every pod's lines merged in time order, each prefixed with its pod's name and a
 * space (as stern does); with `timestamps`, each line then starts with the kubelet's RFC 3339 time and a
 * space. `follow` streams lines as they are printed until the containers end or the reader goes away;
 * `limitBytes` ends the answer after that many bytes. Each stream holds one of the user's
 * CAPSTAN_LOG_STREAMS_PER_USER leases while it is open. Pods of a merged read whose log cannot be opened
 * (a container not started, no previous container) are left out; when none can, the first refusal is thrown.
 * `signal` (the HTTP request's) ends the stream when the reader goes away, as cancelling the stream does.
 * @throws DomainError not_found (404: group or pod), invalid_query (400: a field of the query),
 *   log_streams_exceeded (429), log_no_previous_container / log_refused (400), log_cluster_unreachable (502)
 */
export async function groupLogs(
  ctx: Context,
  system: string,
  application: string,
  group: string,
  query: unknown,
  signal?: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  const q = parseInput(GroupLogQuery, query, "query");
  const { application: app, group: g } = await findGroup(ctx.db, ctx.actor, system, application, group);
  // a group's pods run one container, named after the application (manifests.ts)
  if (q.container !== undefined && q.container !== app.name)
    throw domainError("invalid_query", { summary: `container must be ${app.name}` }, { container: fieldError("invalid_value", { values: app.name }) });
  // the pods with their clusters' kubeconfigs: one round trip
  const rows = await ctx.db.pod.findMany({
    where: { groupId: g.id, ...(q.pod ? { name: q.pod } : {}) },
    orderBy: { name: "asc" },
    select: { name: true, namespace: true, clusterId: true, cluster: { select: { kubeconfigEnc: true } } },
  });
  if (q.pod && !rows.length) throw notFound("Pod", q.pod, { pod: fieldError("not_found") });
  if (!rows.length) return new ReadableStream({ start: (c) => c.close() });
  const sealed = new Map(rows.map((r) => [r.clusterId, r.cluster.kubeconfigEnc]));
  const kubeconfigs = new Map([...sealed].map(([id, text]) => [id, loadKubeconfig(secrets().open(text)).config]));
  // The lease is taken while the logs are opened, not before: its transaction and the API server's answer
  // overlap (docs/logs.md, "First line"). A refused lease closes what was opened.
  const [leased, opened] = await Promise.all([
    acquireLogStream(ctx.db, ctx.actor.userId).then(
      (lease) => ({ lease }),
      (error: unknown) => ({ error }),
    ),
    Promise.allSettled(
      rows.map((p) =>
        openPodLog(
          kubeconfigs.get(p.clusterId)!,
          p.namespace,
          p.name,
          app.name,
          { follow: q.follow, previous: q.previous, tailLines: q.tailLines, sinceSeconds: q.sinceSeconds, limitBytes: q.limitBytes },
          CONNECT_TIMEOUT_MS,
        ),
      ),
    ),
  ]);
  const streams = opened.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
  if ("error" in leased) {
    for (const s of streams) s.close();
    throw leased.error;
  }
  const { lease } = leased;
  if (!streams.length) {
    await lease.release();
    const failure = opened.find((o): o is PromiseRejectedResult => o.status === "rejected")!;
    throw refusal(failure.reason, rows[0]!.name, q.previous ?? false);
  }
  const merged = !q.pod;
  const lines: AsyncIterator<PodLogLine> = (merged ? mergeLogLines(streams) : streams[0]!.lines)[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let left = q.limitBytes ?? Infinity;
  const end = async () => {
    for (const s of streams) s.close();
    await lease.release();
  };
  signal?.addEventListener("abort", () => void end(), { once: true });
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await lines.next();
        if (next.done) {
          await end();
          return controller.close();
        }
        const l = next.value;
        const bytes = encoder.encode(`${merged ? `${l.pod} ` : ""}${q.timestamps ? `${l.timestamp} ` : ""}${l.text}\n`);
        const part = bytes.length > left ? bytes.subarray(0, left) : bytes;
        left -= part.length;
        controller.enqueue(part);
        if (left <= 0) {
          await end();
          controller.close();
        }
      } catch (e) {
        await end();
        controller.error(e);
      }
    },
    async cancel() {
      await end();
    },
  });
}

/** What a pod's log refusal means to the reader (the API server's status; a transport failure or deadline is a 502). */
function refusal(e: unknown, firstPod: string, previous: boolean) {
  if (e instanceof PodLogError) {
    if (e.status === 404) return notFound("Pod", e.pod);
    if (e.status === 400 && previous) return domainError("log_no_previous_container", { pod: e.pod });
    return domainError("log_refused", { pod: e.pod, status: e.status });
  }
  return domainError("log_cluster_unreachable", { pod: firstPod });
}
