import { Prisma } from "@capstan/db";
import { requestReconcile } from "@capstan/db/queue";
import { canWriteInSystem, conflict, forbidden, groupFootprint, GroupUpdate, invalid, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { bumpVersion, mutation } from "../mutation";
import { assertGroupFitsQuota } from "../quotas/quota-usage";
import { findGroup } from "./find-group";
import { GROUP_NAMES, revisionSpec, toGroupDto } from "./group-dto";

/** Changes a group's pod spec (image, resources, placement, env, health check): a new revision and a rolling update. */
export async function updateGroup(ctx: Context, system: string, application: string, name: string, input: unknown) {
  const { version, cpu, memory, ...changes } = parseInput(GroupUpdate, input);
  return mutation(ctx, async (tx, audit) => {
    const { system: s, group: before } = await findGroup(tx, ctx.actor, system, application, name);
    if (!canWriteInSystem(ctx.actor, s)) throw forbidden(`You cannot change groups in system "${system}".`);
    if (before.deletionRequestedAt) throw conflict(`Group "${name}" is being deleted.`);
    const next = { ...revisionSpec(before), ...changes, ...(cpu === undefined ? {} : { cpuMillis: cpu }), ...(memory === undefined ? {} : { memoryMiB: memory }) };
    if (next.cpuMode === "EXCLUSIVE" && next.cpuMillis % 1000 !== 0) throw invalid("Exclusive CPU needs whole CPUs.", { cpu: "must be whole CPUs (1, 2, …) when the CPU mode is exclusive" });
    await assertGroupFitsQuota(tx, s, { id: before.dataCentreId, name: before.dataCentre.name }, groupFootprint(before), groupFootprint({ ...next, replicas: before.replicas }));
    const revision = before.revision + 1;
    await bumpVersion(
      (v) =>
        tx.group.updateMany({
          where: { id: before.id, ...v },
          data: { ...next, env: next.env ?? [], healthCheck: next.healthCheck === null ? Prisma.DbNull : (next.healthCheck ?? undefined), revision, generation: { increment: 1 }, phase: "PROGRESSING", version: { increment: 1 } },
        }),
      version,
      "Group",
      `${system}/${application}/${name}`,
    );
    const g = await tx.group.findUniqueOrThrow({ where: { id: before.id }, include: GROUP_NAMES });
    const changed = Object.keys(changes).concat(cpu === undefined ? [] : ["cpu"], memory === undefined ? [] : ["memory"]);
    await tx.groupRevision.create({ data: { groupId: g.id, revision, spec: revisionSpec(g), changeCause: `changed ${changed.join(", ") || "nothing"}`, createdById: ctx.actor.userId } });
    await requestReconcile(tx, "reconcile-group", { groupId: g.id }, `group:${g.id}`, g.clusterId);
    const after = toGroupDto(g);
    await audit({ action: "group.update", targetType: "group", targetId: `${system}/${application}/${name}`, targetName: name, departmentId: s.departmentId, systemId: s.id, before: toGroupDto(before), after });
    return after;
  });
}
