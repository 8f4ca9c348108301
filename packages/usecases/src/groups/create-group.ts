import { lockInTransaction } from "@capstan/db/advisory-lock";
import { reconcile } from "@capstan/db/kinds";
import {
  canWriteInSystem,
  changeCauseText,
  domainError,
  fieldError,
  GroupCreate,
  reservedFootprint,
  groupNameProblem,
  groupObjectName,
  parseInput,
  ZERO,
} from "@capstan/domain";
import type { Context } from "../context";
import { findApplication } from "../lookups";
import { mutation } from "../mutation";
import { assertGroupFitsQuota } from "../quotas/quota-usage";
import { GROUP_NAMES, revisionSpec, toGroupDto } from "./group-dto";
import { resolveCluster } from "./placement";
import { checkImageFirst, resolveImage } from "./image-check";
import { assertPlacementAllowed } from "./placement-policy";

/** Creates a group (revision 1) within the system's quota and asks the orchestrator to deploy it, in one transaction. */
export async function createGroup(ctx: Context, system: string, application: string, input: unknown) {
  const { name, dataCentre, cluster, cpu, memory, follow, autoscaling, ...asked } = parseInput(GroupCreate, input);
  // An autoscaled group starts within its range; the quota holds it at maxReplicas (reservedFootprint).
  const spec = autoscaling ? { ...asked, replicas: Math.min(autoscaling.maxReplicas, Math.max(autoscaling.minReplicas, asked.replicas)) } : asked;
  const checked = await checkImageFirst(ctx, { system, application, dataCentre, tag: spec.imageTag });
  return mutation(ctx, async (tx, audit) => {
    const { system: s, application: app } = await findApplication(tx, ctx.actor, system, application);
    if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_create_group", { system });
    const objectName = groupObjectName(app.name, name);
    const nameProblem = groupNameProblem(app.name, name);
    if (nameProblem)
      throw domainError("group_name_refused", { name, problem: nameProblem }, { name: fieldError("group_name_refused", { problem: nameProblem }) });
    // Two creates can clash only on the same object name: serialise those, so both cannot pass the
    // check below, and let creates of other groups in the system run side by side.
    await lockInTransaction(tx, "group-name", s.id, objectName);
    // Deployments of one system share a namespace, so "<application>-<group>" must be unique in it.
    // Only the ways "<application>-<group>" can split at a '-' can collide: look those up, not every group.
    const splits = [...objectName.matchAll(/-/g)].map((m) => ({ application: objectName.slice(0, m.index), group: objectName.slice(m.index + 1) }));
    const clash = await tx.group.findFirst({
      where: { application: { systemId: s.id }, OR: splits.map((p) => ({ name: p.group, application: { name: p.application } })) },
      select: { name: true, application: { select: { name: true } } },
    });
    if (clash)
      throw clash.application.name === app.name && clash.name === name
        ? domainError("group_exists", { application, group: name }, { name: fieldError("taken") })
        : domainError(
            "group_object_name_taken",
            { otherApplication: clash.application.name, otherGroup: clash.name, objectName },
            { name: fieldError("taken") },
          );
    const dc = await tx.dataCentre.findUnique({ where: { name: dataCentre } });
    if (!dc) throw domainError("data_centre_unknown", { dataCentre }, { dataCentre: fieldError("data_centre_unknown") });
    // Revision 1 pins the digest the tag has now in this data centre's Harbor.
    const imageDigest = checked?.tag === spec.imageTag ? checked.digest : await resolveImage(dc, s.name, app.name, spec.imageTag);
    await assertPlacementAllowed(tx, spec);
    const target = await resolveCluster(tx, dc, cluster, {
      cpuMillis: cpu * spec.replicas,
      memoryMiB: memory * spec.replicas,
      zone: spec.zone,
      resourceLabels: spec.resourceLabels,
    });
    // The system's namespace needs reconciling only for its first group in this cluster; later groups
    // find it there (and the group reconciler makes it if it is missing), which keeps creates cheap.
    const first = (await tx.group.count({ where: { clusterId: target.id, application: { systemId: s.id } } })) === 0;
    // Last before the writes: from here to the commit, the system's other creates in this data centre wait.
    await assertGroupFitsQuota(tx, s, dc, ZERO, reservedFootprint({ replicas: spec.replicas, cpuMillis: cpu, memoryMiB: memory, gpu: spec.gpu, autoscaling }));
    const g = await tx.group.create({
      data: {
        ...spec,
        imageDigest,
        followBranch: follow?.branch ?? null,
        name,
        applicationId: app.id,
        dataCentreId: dc.id,
        clusterId: target.id,
        cpuMillis: cpu,
        memoryMiB: memory,
        env: spec.env,
        healthCheck: spec.healthCheck ?? undefined,
        autoscaling: autoscaling ?? undefined,
      },
      include: GROUP_NAMES,
    });
    await tx.groupRevision.create({
      data: { groupId: g.id, revision: 1, spec: revisionSpec(g), changeCause: changeCauseText({ kind: "created" }), createdById: ctx.actor.userId },
    });
    if (first) await reconcile.system(tx, { systemId: s.id, clusterId: target.id });
    await reconcile.group(tx, g);
    const dto = toGroupDto(g);
    await audit({
      action: "group.create",
      targetType: "group",
      targetId: `${system}/${application}/${name}`,
      targetName: name,
      departmentId: s.departmentId,
      systemId: s.id,
      after: dto,
    });
    return dto;
  });
}
