// After a build ends, the groups that follow its branch (`follow: { branch }`): a successful build is copied
// to each of their data centres by digest and they are rolled out to it; a failed build, a failed copy or a
// refused rollout leaves them as they were and tells their system's developers why. Run by the worker's
// follow controller (apps/worker/src/controllers/follow), once per ended build (Build.followedAt).
import type { Db } from "@capstan/db";
import type { NotificationReason } from "@capstan/domain";
import { systemDevelopers } from "../notifications/audiences";
import { notify } from "../notifications/notify";
import { copyToDataCentres } from "../images/promotion";
import { type FollowerOutcome, rolloutFollowers, SYSTEM_ACTOR } from "./rollout-followers";

/** What following one build did, per group: its outcome, or why it was left alone. */
export type FollowResult = { group: string; dataCentre: string; outcome: FollowerOutcome["outcome"] | "buildFailed" | "copyFailed" | "superseded" }[];

/**
 * Follows ended build `buildId` once (a no-op when it was followed already, has not ended, or names no
 * branch any group follows), then marks it followed. A build older than the branch's last successful build
 * in its data centre rolls nothing back: its followers are reported "superseded". Copies and rollouts that
 * fail are reported and notified, not thrown; other errors (the database) throw, and the controller retries.
 */
export async function followBuild(db: Db, buildId: string): Promise<FollowResult> {
  const b = await db.build.findUnique({
    where: { id: buildId },
    include: { dataCentre: true, application: { include: { system: true } } },
  });
  if (!b || b.followedAt || (b.status !== "SUCCEEDED" && b.status !== "FAILED")) return [];
  const { application: app } = b,
    system = app.system,
    branch = b.gitRef;
  const followers = await db.group.findMany({
    where: { applicationId: app.id, followBranch: branch, deletionRequestedAt: null },
    include: { dataCentre: true },
    orderBy: [{ dataCentre: { name: "asc" } }, { name: "asc" }],
  });
  const result: FollowResult = [];
  const recipients = followers.length ? await systemDevelopers(db, system.id, system.departmentId) : [];
  const tell = (reason: NotificationReason, g: (typeof followers)[number], extra: Record<string, string>) =>
    notify(db, {
      reason,
      params: { number: b.number, application: app.name, branch, group: g.name, dataCentre: g.dataCentre.name, ...extra },
      link: `/systems/${system.name}/applications/${app.name}/builds/${b.id}`,
      recipients,
      departmentId: system.departmentId,
    });

  const newer =
    b.status === "SUCCEEDED" &&
    (await db.build.count({
      where: { applicationId: app.id, gitRef: branch, status: "SUCCEEDED", number: { gt: b.number } },
    })) > 0;
  if (b.status === "FAILED" || newer || !b.digest || !b.imageTag) {
    for (const g of followers) {
      if (b.status === "FAILED") await tell("follow_build_failed", g, { buildReason: b.reason ?? "BuildFailed" });
      result.push({ group: g.name, dataCentre: g.dataCentre.name, outcome: b.status === "FAILED" ? "buildFailed" : "superseded" });
    }
    await markFollowed(db, b.id);
    return result;
  }

  const digest = b.digest,
    tag = b.imageTag;
  const byDataCentre = new Map<string, typeof followers>();
  for (const g of followers) byDataCentre.set(g.dataCentreId, [...(byDataCentre.get(g.dataCentreId) ?? []), g]);
  const elsewhere = [...byDataCentre.values()].map((gs) => gs[0]!.dataCentre).filter((dc) => dc.id !== b.dataCentreId);
  const copies = elsewhere.length ? await copyToDataCentres(b.dataCentre, elsewhere, system.name, app.name, digest, tag) : [];
  const copied = new Set([b.dataCentre.name, ...copies.flatMap((c) => ("result" in c ? [c.dataCentre] : []))]);
  if (copies.some((c) => "result" in c))
    await db.auditEvent.create({
      data: {
        actorEmail: SYSTEM_ACTOR,
        action: "image.promote",
        targetType: "image",
        targetId: `${system.name}/${app.name}@${digest}`,
        targetName: `${system.name}/${app.name}:${tag}`,
        departmentId: system.departmentId,
        systemId: system.id,
        after: { from: b.dataCentre.name, to: [...copied].filter((d) => d !== b.dataCentre.name).join(", "), digest, tag, followed: branch },
      },
    });

  for (const [dataCentreId, groups] of byDataCentre) {
    const dc = groups[0]!.dataCentre;
    if (!copied.has(dc.name)) {
      for (const g of groups) {
        await tell("follow_copy_failed", g, {});
        result.push({ group: g.name, dataCentre: dc.name, outcome: "copyFailed" });
      }
      continue;
    }
    for (const o of await rolloutFollowers(db, { applicationId: app.id, branch, build: b.number, tag, digest, dataCentreId })) {
      if (o.outcome === "refused") await tell("follow_rollout_refused", groups.find((g) => g.name === o.group)!, { message: o.message });
      result.push({ group: o.group, dataCentre: dc.name, outcome: o.outcome });
    }
  }
  await markFollowed(db, b.id);
  return result;
}

const markFollowed = (db: Db, id: string) => db.build.update({ where: { id }, data: { followedAt: new Date() } });
