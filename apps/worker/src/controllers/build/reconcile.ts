// Level-triggered and idempotent: one image build (docs/builds.md). QUEUED → RUNNING when its system has a
// free build slot in the data centre (buildsPerSystem; the earlier-queued go first); then its push robot,
// Secret and Job in capstan-builds on one of the data centre's clusters; then its pod is watched, the log
// copied into the row as it grows, and the result read from the termination message; the Job, Secret and
// robot are removed when it ends, and the next queued builds of the system are asked for.
import type { Db } from "@capstan/db";
import { kinds } from "@capstan/db/kinds";
import { BUILD_LABEL, BUILD_NAMESPACE, buildJob, buildJobName, buildResult, MANAGED } from "@capstan/domain";
import type { ClusterClient } from "@capstan/orchestrator";
import { clientFor } from "../../clients";
import { harborOf } from "../project/reconcile";

/** How long one reconcile watches a running build before handing over to the next (a new job, at once). */
const WATCH_MS = 20_000;
const POLL_MS = 250;
/** The log kept per build: its last 256 KiB. */
export const MAX_BUILD_LOG = 256 * 1024;
const ENDED = ["SUCCEEDED", "FAILED", "CANCELLED"] as const;

type Pod = {
  metadata: { name: string };
  status?: {
    phase?: string;
    containerStatuses?: { state?: { terminated?: { exitCode: number; message?: string; reason?: string }; waiting?: { reason?: string; message?: string } } }[];
  };
};

type Job = { status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] } };

/** The robot (and Secret) of a build: one per build, named after its Job. */
const robotName = (buildId: string) => buildJobName(buildId);

async function loadBuild(db: Db, buildId: string) {
  return db.build.findUnique({
    where: { id: buildId },
    include: { application: { include: { system: true } }, dataCentre: { include: { clusters: { orderBy: { name: "asc" } } } } },
  });
}
type LoadedBuild = NonNullable<Awaited<ReturnType<typeof loadBuild>>>;

/** Runs, watches or cleans up one build (see the file's comment). Throws to be retried. */
export async function reconcileBuild(db: Db, { buildId }: { buildId: string }): Promise<void> {
  let b = await loadBuild(db, buildId);
  if (!b) return;
  if ((ENDED as readonly string[]).includes(b.status)) return cleanUp(db, b);
  if (b.status === "QUEUED" && !(await takeSlot(db, b))) return; // asked for again when a build of its system ends
  b = (await loadBuild(db, buildId))!;
  const cluster = b.dataCentre.clusters.find((c) => c.id === b!.clusterId);
  if (!cluster) return end(db, b, { status: "FAILED", reason: "NoCluster", message: `${b.dataCentre.name} has no cluster to build in` });
  const client = clientFor(cluster);
  if (b.cancelRequestedAt) {
    await client.delete([{ apiVersion: "batch/v1", kind: "Job", name: buildJobName(b.id), namespace: BUILD_NAMESPACE }]);
    return end(db, b, { status: "CANCELLED", reason: "Cancelled", message: "cancelled while it ran" });
  }
  await watch(db, b.jobName ? b : { ...b, jobName: await start(db, b, client) }, client);
}

/**
 * QUEUED → RUNNING when fewer than `buildsPerSystem` builds of the system run in the data centre, counting
 * the builds queued before this one as ahead of it. Under a lock on the system's row, so two workers never
 * both take the last slot.
 */
async function takeSlot(db: Db, b: LoadedBuild): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "System" WHERE id = ${b.application.systemId}::uuid FOR UPDATE`;
    const ofSystem = { application: { systemId: b.application.systemId }, dataCentreId: b.dataCentreId };
    // One at a time: a transaction is one connection, where pg deprecates queueing queries.
    const running = await tx.build.count({ where: { ...ofSystem, status: "RUNNING" } });
    const ahead = await tx.build.count({
      where: { ...ofSystem, status: "QUEUED", OR: [{ createdAt: { lt: b.createdAt } }, { createdAt: b.createdAt, id: { lt: b.id } }] },
    });
    if (running + ahead >= b.dataCentre.buildsPerSystem) return false;
    // A build of a branch or tag (its commit unknown until it is fetched) waits while the same ref runs with
    // the same Dockerfile: then it starts knowing that build's commit, and reuses its image if the ref has not moved.
    if (!b.commitSha) {
      const sameRef = await tx.build.count({
        where: { ...sameSource(b), gitRef: b.gitRef, status: "RUNNING", id: { not: b.id } },
      });
      if (sameRef > 0) return false;
    }
    const cluster = b.dataCentre.clusters[0];
    const { count } = await tx.build.updateMany({
      where: { id: b.id, status: "QUEUED" },
      data: { status: "RUNNING", startedAt: new Date(), clusterId: cluster?.id ?? null },
    });
    return count === 1;
  });
}

/** Builds whose image stands for this one's, for the same commit: same application, Dockerfile, context and data centre, and tag when one is asked. */
const sameSource = (b: LoadedBuild) => ({
  applicationId: b.applicationId,
  dockerfilePath: b.dockerfilePath,
  contextDir: b.contextDir,
  dataCentreId: b.dataCentreId,
  ...(b.imageTag ? { imageTag: b.imageTag } : {}),
});

/** The push robot and its Secret, the namespace and the Job; then the row records the Job, whose name it resolves to. Idempotent. */
async function start(db: Db, b: LoadedBuild, client: ClusterClient): Promise<string> {
  const system = b.application.system.name;
  const harbor = harborOf(b.dataCentre);
  await harbor.ensureProject(system);
  const robot = await harbor.createBuildRobot(system, robotName(b.id));
  const registry = new URL(b.dataCentre.harborUrl).host;
  const auth = Buffer.from(`${robot.name}:${robot.secret}`).toString("base64");
  const name = buildJobName(b.id);
  const labels = { ...MANAGED, [BUILD_LABEL]: b.id };
  await client.apply([
    { apiVersion: "v1", kind: "Namespace", metadata: { name: BUILD_NAMESPACE, labels: { ...MANAGED } } },
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name, namespace: BUILD_NAMESPACE, labels },
      type: "kubernetes.io/dockerconfigjson",
      data: { ".dockerconfigjson": Buffer.from(JSON.stringify({ auths: { [registry]: { auth } } })).toString("base64") },
    },
  ]);
  // The images this build would repeat (the builder reports one instead of building when its commit is among them).
  const built = await db.build.findMany({
    // sameSource last: its tag, when one is asked, narrows "any tag".
    where: { status: "SUCCEEDED", commitSha: { not: null }, imageTag: { not: null }, digest: { not: null }, ...sameSource(b) },
    orderBy: { finishedAt: "desc" },
    take: 50,
    select: { commitSha: true, imageTag: true, digest: true },
  });
  await client.apply([
    buildJob({
      buildId: b.id,
      system,
      application: b.application.name,
      gitRepository: b.gitRepository,
      // The commit when it is known (a push webhook names it): the branch may have moved on since.
      gitRef: b.commitSha ?? b.gitRef,
      contextDir: b.contextDir,
      dockerfilePath: b.dockerfilePath,
      image: `${registry}/${system}/${b.application.name}`,
      tag: b.imageTag,
      builderImage: b.dataCentre.builderImage,
      secretName: name,
      built: built.map((x) => ({ commit: x.commitSha!, tag: x.imageTag!, digest: x.digest! })),
    }),
  ]);
  await db.build.update({ where: { id: b.id }, data: { jobName: name } });
  return name;
}

/**
 * Watches the build's pod for up to WATCH_MS: copies its log into the row when it grew, and ends the build
 * when the container has terminated. Still running then: the next watch is queued (a job of its own, so a
 * build never holds a worker's job past its deadline).
 */
async function watch(db: Db, b: LoadedBuild, client: ClusterClient): Promise<void> {
  const until = Date.now() + WATCH_MS;
  let log = b.log;
  for (;;) {
    const pods = await client.list<Pod>(`/api/v1/namespaces/${BUILD_NAMESPACE}/pods`, { labelSelector: `${BUILD_LABEL}=${b.id}` });
    const pod = pods.items[0];
    const cs = pod?.status?.containerStatuses?.[0];
    if (pod && (cs?.state?.terminated || cs?.state?.waiting?.reason !== "ContainerCreating")) {
      const text = await podLog(client, pod.metadata.name);
      if (text !== null && text !== log) {
        log = text;
        await db.build.update({ where: { id: b.id }, data: { log } });
      }
    }
    const current = await db.build.findUnique({ where: { id: b.id }, select: { cancelRequestedAt: true } });
    if (current?.cancelRequestedAt) return kinds.build.request(db, { buildId: b.id });
    const terminated = cs?.state?.terminated;
    if (terminated) return finish(db, { ...b, log }, terminated);
    if (pod?.status?.phase === "Failed") return end(db, { ...b, log }, { status: "FAILED", reason: "PodFailed", message: "the builder pod failed" });
    if (!pod) {
      // No pod: still to be made by the Job controller, or removed by it (activeDeadlineSeconds) or by someone.
      const jobs = await client.list<Job>(`/apis/batch/v1/namespaces/${BUILD_NAMESPACE}/jobs`, { labelSelector: `${BUILD_LABEL}=${b.id}` });
      const failed = jobs.items[0]?.status?.conditions?.find((c) => c.type === "Failed" && c.status === "True");
      if (failed) return end(db, { ...b, log }, { status: "FAILED", reason: failed.reason ?? "JobFailed", message: failed.message ?? "the build Job failed" });
      if (!jobs.items.length) return end(db, { ...b, log }, { status: "FAILED", reason: "JobDeleted", message: "the build Job was deleted" });
    }
    if (Date.now() > until) return kinds.build.request(db, { buildId: b.id });
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** The builder pod's log, its last MAX_BUILD_LOG bytes; null when the cluster cannot give it yet. */
async function podLog(client: ClusterClient, pod: string): Promise<string | null> {
  try {
    return await client.podLog(BUILD_NAMESPACE, pod, MAX_BUILD_LOG);
  } catch {
    return null;
  }
}

/** The builder's termination message, read as the result. */
async function finish(db: Db, b: LoadedBuild, terminated: { exitCode: number; message?: string; reason?: string }): Promise<void> {
  const result = buildResult(terminated.message);
  if (terminated.exitCode === 0 && result && "digest" in result)
    return end(db, b, {
      status: "SUCCEEDED",
      commitSha: result.commit,
      imageTag: result.tag,
      digest: result.digest,
      ...(result.reused ? { message: "built before with this Dockerfile: its image is reused, not built again" } : {}),
    });
  const failure =
    result && "reason" in result
      ? result
      : {
          reason: terminated.reason === "DeadlineExceeded" ? "DeadlineExceeded" : "BuildFailed",
          message: `the builder exited with code ${terminated.exitCode}`,
        };
  // A build that failed after its checkout names the commit it failed on.
  const commitSha = "commit" in failure ? failure.commit : undefined;
  return end(db, b, { status: "FAILED", reason: failure.reason, message: failure.message, ...(commitSha ? { commitSha } : {}) });
}

/** Ends the build (once: only while it is not ended) and asks for its followers (follow controller), cleans up, and asks for the system's next queued builds. */
async function end(
  db: Db,
  b: LoadedBuild,
  outcome: { status: (typeof ENDED)[number]; reason?: string; message?: string; commitSha?: string; imageTag?: string; digest?: string },
): Promise<void> {
  // Ending it and asking for its followers to be rolled out (or told) are one change: neither is lost.
  await db.$transaction(async (tx) => {
    const ended = await tx.build.updateMany({
      where: { id: b.id, status: { notIn: [...ENDED] } },
      data: { ...outcome, log: b.log.slice(-MAX_BUILD_LOG), finishedAt: new Date() },
    });
    if (ended.count === 1 && outcome.status !== "CANCELLED") await kinds.follow.request(tx, { buildId: b.id });
  });
  await cleanUp(db, b);
  const next = await db.build.findMany({
    where: { status: "QUEUED", dataCentreId: b.dataCentreId, application: { systemId: b.application.systemId } },
    orderBy: { createdAt: "asc" },
    take: b.dataCentre.buildsPerSystem,
    select: { id: true },
  });
  if (next.length)
    await kinds.build.requestMany(
      db,
      next.map((n) => ({ buildId: n.id })),
    );
}

/** Removes the build's Job (and so its pod), Secret and robot; whatever is already gone is fine. */
async function cleanUp(db: Db, b: LoadedBuild): Promise<void> {
  if (!b.jobName) return;
  const cluster = b.dataCentre.clusters.find((c) => c.id === b.clusterId);
  if (cluster) {
    const client = clientFor(cluster);
    await client.delete([
      { apiVersion: "batch/v1", kind: "Job", name: b.jobName, namespace: BUILD_NAMESPACE },
      { apiVersion: "v1", kind: "Secret", name: b.jobName, namespace: BUILD_NAMESPACE },
    ]);
  }
  await harborOf(b.dataCentre).deleteRobot(`robot$${b.application.system.name}+${robotName(b.id)}`);
  await db.build.update({ where: { id: b.id }, data: { jobName: null } });
}
