import { Prisma, type Tx } from "@capstan/db";
import { reconcile } from "@capstan/db/kinds";
import { type Actor, domainError, fieldError, reservedFootprint } from "@capstan/domain";
import { bumpVersion } from "../mutation";
import { assertGroupFitsQuota, assertRolloutCanComplete } from "../quotas/quota-usage";
import { resolveImage } from "./image-check";
import { assertPlacementAllowed } from "./placement-policy";
import type { findGroup } from "./find-group";
import { GROUP_NAMES, type RevisionSpec, revisionSpec, toGroupDto } from "./group-dto";

type FoundGroup = Awaited<ReturnType<typeof findGroup>>["group"];
type FoundSystem = Awaited<ReturnType<typeof findGroup>>["system"];

export interface Revision {
  spec: RevisionSpec;
  changeCause: string;
  /** The version the caller saw; without one, the version read in this transaction. */
  version?: number;
  /** Set for a rolling restart: a new pod-template annotation rolls every pod. */
  restartedAt?: Date;
  /** `spec.imageDigest` was just resolved from `spec.imageTag` (`digestOf`): no need to ask Harbor again. */
  imageResolved?: boolean;
}

/**
 * Makes `spec` the group's desired spec as its next revision and asks the orchestrator for a rolling
 * update, inside the caller's transaction. A changed tag or digest is checked against the data centre's
 * Harbor unless the caller just resolved it (422 naming the tag when it is gone). `actor` is who the
 * revision names as its author; null for changes Capstan makes by itself (a followed branch's build).
 * Update, rollout, rollback and restart all come through here, so a rule about desired specs (exclusive
 * CPUs, quotas) covers every one of them.
 */
export async function reviseGroup(
  tx: Tx,
  actor: Pick<Actor, "userId"> | null,
  system: FoundSystem,
  before: FoundGroup,
  { spec: asked, changeCause, version, restartedAt, imageResolved }: Revision,
) {
  const path = `${before.application.system.name}/${before.application.name}/${before.name}`;
  if (before.deletionRequestedAt) throw domainError("group_being_deleted", { group: before.name });
  if (asked.cpuMode === "EXCLUSIVE" && asked.cpuMillis % 1000 !== 0)
    throw domainError("exclusive_cpu_needs_whole_cpus", {}, { cpu: fieldError("whole_cpus_when_exclusive") });
  // A revision pins the digest its tag has now; a rollback to a pinned digest checks Harbor still holds
  // those bytes, and one to a revision from before digests were pinned pins what its tag has now.
  const spec = { ...asked, imageDigest: asked.imageDigest ?? null };
  if (!imageResolved && (spec.imageTag !== before.imageTag || spec.imageDigest !== before.imageDigest)) {
    const dc = await tx.dataCentre.findUniqueOrThrow({ where: { id: before.dataCentreId } });
    spec.imageDigest = await resolveImage(dc, before.application.system.name, before.application.name, spec.imageTag, spec.imageDigest);
  }
  if (spec.zone !== before.zone || spec.resourceLabels.join() !== before.resourceLabels.join()) await assertPlacementAllowed(tx, spec);
  await assertGroupFitsQuota(
    tx,
    system,
    { id: before.dataCentreId, name: before.dataCentre.name },
    reservedFootprint(before),
    reservedFootprint({ ...spec, replicas: before.replicas, autoscaling: before.autoscaling }),
  );
  await assertRolloutCanComplete(tx, system, before, spec);
  const revision = before.revision + 1;
  await bumpVersion(
    (v) =>
      tx.group.updateMany({
        where: { id: before.id, ...v },
        data: {
          ...spec,
          env: spec.env ?? [],
          healthCheck: spec.healthCheck === null ? Prisma.DbNull : (spec.healthCheck ?? undefined),
          restartedAt,
          revision,
          generation: { increment: 1 },
          phase: "PROGRESSING",
          version: { increment: 1 },
        },
      }),
    version ?? before.version,
    "Group",
    path,
  );
  const g = await tx.group.findUniqueOrThrow({ where: { id: before.id }, include: GROUP_NAMES });
  await tx.groupRevision.create({ data: { groupId: g.id, revision, spec: revisionSpec(g), changeCause, createdById: actor?.userId ?? null } });
  await reconcile.group(tx, g);
  return toGroupDto(g);
}
