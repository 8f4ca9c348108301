import type { Db } from "@capstan/db";
import { changeCauseText, DomainError } from "@capstan/domain";
import { GROUP_NAMES, revisionSpec } from "./group-dto";
import { reviseGroup } from "./revise-group";

/** As mutation() waits and holds: revisions contend for their system's quota lock. */
const TRANSACTION = { maxWait: 10_000, timeout: 15_000 };

/** Who the audit log names for changes Capstan makes by itself (no person asked for them). */
export const SYSTEM_ACTOR = "capstan";

/** What became of one follower: rolled out (its new revision), already there, or refused (the reason and message). */
export type FollowerOutcome =
  | { group: string; outcome: "rolledOut"; revision: number }
  | { group: string; outcome: "unchanged" }
  | { group: string; outcome: "refused"; reason: string; message: string };

/**
 * After a successful build of `branch` pushed `tag` (digest `digest`) to data centre `dataCentreId`'s
 * Harbor: rolls out every group of the application in that data centre that follows the branch (`follow:
 * { branch }`) to that tag, pinned to that digest, as a rollout by the system (a new revision, its reconcile
 * request and an audit event naming the `capstan` actor, in one transaction per group). A group already at
 * that digest is left alone; one being deleted, or whose new revision is refused (quota, rollout room), is
 * left untouched and reported with the refusal's reason. Other errors are thrown.
 */
export async function rolloutFollowers(
  db: Db,
  {
    applicationId,
    branch,
    build,
    tag,
    digest,
    dataCentreId,
  }: { applicationId: string; branch: string; build: number; tag: string; digest: string; dataCentreId: string },
): Promise<FollowerOutcome[]> {
  const followers = await db.group.findMany({
    where: { applicationId, dataCentreId, followBranch: branch, deletionRequestedAt: null },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const outcomes: FollowerOutcome[] = [];
  for (const { id, name } of followers) {
    try {
      outcomes.push(
        await db.$transaction(async (tx): Promise<FollowerOutcome> => {
          const before = await tx.group.findUniqueOrThrow({ where: { id }, include: GROUP_NAMES });
          if (before.imageTag === tag && before.imageDigest === digest) return { group: name, outcome: "unchanged" };
          const system = await tx.system.findFirstOrThrow({
            where: { applications: { some: { id: applicationId } } },
            include: { department: { select: { name: true } } },
          });
          const after = await reviseGroup(tx, null, system, before, {
            spec: { ...revisionSpec(before), imageTag: tag, imageDigest: digest },
            changeCause: changeCauseText({ kind: "followed", branch, build, image: tag }),
            imageResolved: true,
          });
          await tx.auditEvent.create({
            data: {
              actorEmail: SYSTEM_ACTOR,
              action: "group.rollout",
              targetType: "group",
              targetId: `${system.name}/${before.application.name}/${name}`,
              targetName: name,
              departmentId: system.departmentId,
              systemId: system.id,
              before: { imageTag: before.imageTag, imageDigest: before.imageDigest, revision: before.revision },
              after: { imageTag: tag, imageDigest: digest, revision: after.revision, followed: branch, build },
            },
          });
          return { group: name, outcome: "rolledOut", revision: after.revision };
        }, TRANSACTION),
      );
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      outcomes.push({ group: name, outcome: "refused", reason: e.reason, message: e.message });
    }
  }
  return outcomes;
}
