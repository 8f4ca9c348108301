import type { Db } from "@capstan/db";
import { parseChangeCause, personName } from "@capstan/domain";
import type { Context } from "../context";
import { GROUP_NAMES, toGroupDto } from "../groups/group-dto";
import { findApplication } from "../lookups";

/**
 * The application's last finished build (succeeded or failed), or null. The one read of builds here, kept
 * apart because the builds' model is still being shaped.
 */
async function lastFinishedBuild(db: Db, applicationId: string) {
  const b = await db.build.findFirst({
    where: { applicationId, status: { in: ["SUCCEEDED", "FAILED"] } },
    orderBy: { createdAt: "desc" },
    select: { number: true, status: true, imageTag: true, commitSha: true, finishedAt: true },
  });
  return (
    b && {
      number: b.number,
      status: b.status as "SUCCEEDED" | "FAILED",
      imageTag: b.imageTag,
      commitSha: b.commitSha,
      finishedAt: b.finishedAt?.toISOString() ?? null,
    }
  );
}

/**
 * Per image tag the groups run, whether they all run the same bytes: `digests`, the distinct digests
 * their revisions pinned; `unpinned`, the groups whose digest is unknown (from before digests were pinned);
 * `same` when there is one digest and no unknown.
 */
export function digestAgreement(groups: { imageTag: string; imageDigest: string | null }[]) {
  const tags = new Map<string, { digests: Set<string>; unpinned: number; groups: number }>();
  for (const g of groups) {
    const t = tags.get(g.imageTag) ?? { digests: new Set(), unpinned: 0, groups: 0 };
    t.groups++;
    if (g.imageDigest) t.digests.add(g.imageDigest);
    else t.unpinned++;
    tags.set(g.imageTag, t);
  }
  return [...tags]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tag, t]) => ({ tag, groups: t.groups, digests: [...t.digests].sort(), unpinned: t.unpinned, same: t.digests.size === 1 && t.unpinned === 0 }));
}

/**
 * What runs where, for one application: its groups by data centre and cluster (names sorted), each with
 * its image tag and pinned digest, replicas ready/desired, its status (phase and why, as on the group
 * page) and its last rollout (its current revision: when, by whom, why); per tag, whether every group
 * runs the same digest; and the application's last finished build. A fixed number of queries whatever
 * the number of groups. 404 for applications the actor cannot read.
 */
export async function getApplicationOverview(ctx: Context, system: string, application: string) {
  const { system: s, application: a } = await findApplication(ctx.db, ctx.actor, system, application);
  const [rows, lastBuild] = await Promise.all([
    ctx.db.group.findMany({
      where: { applicationId: a.id },
      include: GROUP_NAMES,
      orderBy: [{ dataCentre: { name: "asc" } }, { cluster: { name: "asc" } }, { name: "asc" }],
    }),
    lastFinishedBuild(ctx.db, a.id),
  ]);
  const revisions = rows.length
    ? await ctx.db.groupRevision.findMany({
        where: { OR: rows.map((g) => ({ groupId: g.id, revision: g.revision })) },
        select: { groupId: true, revision: true, createdAt: true, createdById: true, changeCause: true },
      })
    : [];
  const authors = [...new Set(revisions.flatMap((r) => (r.createdById ? [r.createdById] : [])))];
  const people = new Map(
    authors.length
      ? (await ctx.db.user.findMany({ where: { id: { in: authors } }, select: { id: true, email: true, name: true } })).map((u) => [u.id, personName(u)])
      : [],
  );
  const current = new Map(revisions.map((r) => [r.groupId, r]));
  const item = (g: (typeof rows)[number]) => {
    const d = toGroupDto(g);
    const r = current.get(g.id);
    return {
      name: d.name,
      imageTag: d.imageTag,
      imageDigest: d.imageDigest,
      replicas: d.replicas,
      readyReplicas: d.readyReplicas,
      phase: d.phase,
      statusReason: d.statusReason,
      statusMessage: d.statusMessage,
      deleting: d.deleting,
      lastRollout: r
        ? {
            revision: r.revision,
            at: r.createdAt.toISOString(),
            by: (r.createdById && people.get(r.createdById)) ?? null,
            changeCause: r.changeCause,
            cause: parseChangeCause(r.changeCause) ?? null,
          }
        : null,
    };
  };
  const dataCentres: { dataCentre: string; clusters: { cluster: string; groups: ReturnType<typeof item>[] }[] }[] = [];
  for (const g of rows) {
    let dc = dataCentres.at(-1);
    if (dc?.dataCentre !== g.dataCentre.name) dataCentres.push((dc = { dataCentre: g.dataCentre.name, clusters: [] }));
    let cluster = dc.clusters.at(-1);
    if (cluster?.cluster !== g.cluster.name) dc.clusters.push((cluster = { cluster: g.cluster.name, groups: [] }));
    cluster.groups.push(item(g));
  }
  return { system: s.name, application: a.name, dataCentres, tags: digestAgreement(rows), lastBuild };
}
