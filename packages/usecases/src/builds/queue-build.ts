// Queues a build (the Build button, the API, a push webhook, a group following a branch): one place that
// picks the data centre, refuses what cannot be built, and builds a commit once.
import type { Application, Build, Tx } from "@capstan/db";
import { reconcile } from "@capstan/db/kinds";
import { domainError, notFound } from "@capstan/domain";

/** What to build, and who or what asked. */
export interface BuildRequest {
  system: { id: string; name: string };
  application: Application;
  /** Branch, tag or commit SHA; the application's branch when absent. */
  ref?: string;
  /** The commit, when the caller knows it (a webhook); a 40-hex `ref` is one too. */
  commit?: string;
  dataCentre?: string;
  tag?: string;
  trigger: "USER" | "WEBHOOK" | "FOLLOW";
  triggeredById?: string | null;
  deliveryId?: string;
}

/** States in which an existing build of the same commit stands for a new request. */
const LIVE_OR_DONE = ["QUEUED", "RUNNING", "SUCCEEDED"] as const;

/**
 * Queues the build, in the caller's transaction, and asks the worker to run it; resolves to it and
 * whether it is new. The same commit, Dockerfile, context, data centre and tag (when one is asked) is
 * built once: a second request gets the build queued, running or done (known commits only: a branch is
 * resolved by the builder). The data centre is the one asked for, else the first (by name) where the
 * system has a quota, since a build pushes to the system's project there.
 * @throws DomainError build_no_repository (409), build_no_data_centre (409), build_no_quota_in_data_centre (409), not_found (404: the data centre)
 */
export async function queueBuild(tx: Tx, r: BuildRequest): Promise<{ build: Build; dataCentre: string; created: boolean }> {
  const app = r.application;
  if (!app.gitRepository) throw domainError("build_no_repository", { application: `${r.system.name}/${app.name}` });
  const quotas = await tx.systemQuota.findMany({ where: { systemId: r.system.id }, include: { dataCentre: { select: { id: true, name: true } } } });
  let dc: { id: string; name: string } | undefined;
  if (r.dataCentre) {
    dc = quotas.find((q) => q.dataCentre.name === r.dataCentre)?.dataCentre;
    if (!dc) {
      if (!(await tx.dataCentre.findUnique({ where: { name: r.dataCentre } }))) throw notFound("Data centre", r.dataCentre);
      throw domainError("build_no_quota_in_data_centre", { system: r.system.name, dataCentre: r.dataCentre });
    }
  } else {
    dc = quotas.map((q) => q.dataCentre).sort((a, b) => a.name.localeCompare(b.name))[0];
    if (!dc) throw domainError("build_no_data_centre", { system: r.system.name });
  }
  const ref = r.ref ?? app.gitBranch;
  const commit = r.commit ?? (/^[0-9a-f]{40}$/.test(ref) ? ref : null);
  // One request at a time per application: numbers and the once-per-commit check stay consistent.
  await tx.$executeRaw`SELECT 1 FROM "Application" WHERE id = ${app.id}::uuid FOR UPDATE`;
  if (commit) {
    const same = await tx.build.findFirst({
      where: {
        applicationId: app.id,
        commitSha: commit,
        dockerfilePath: app.dockerfilePath,
        contextDir: ".",
        dataCentreId: dc.id,
        status: { in: [...LIVE_OR_DONE] },
        ...(r.tag ? { imageTag: r.tag } : {}),
      },
      orderBy: { createdAt: "desc" },
    });
    if (same) return { build: same, dataCentre: dc.name, created: false };
  }
  const last = await tx.build.findFirst({ where: { applicationId: app.id }, orderBy: { number: "desc" }, select: { number: true } });
  const build = await tx.build.create({
    data: {
      applicationId: app.id,
      number: (last?.number ?? 0) + 1,
      dataCentreId: dc.id,
      gitRef: ref,
      commitSha: commit,
      gitRepository: app.gitRepository,
      dockerfilePath: app.dockerfilePath,
      contextDir: ".",
      imageTag: r.tag ?? null,
      trigger: r.trigger,
      triggeredById: r.triggeredById ?? null,
      deliveryId: r.deliveryId ?? null,
    },
  });
  await reconcile.builds(tx, [build.id]);
  return { build, dataCentre: dc.name, created: true };
}
