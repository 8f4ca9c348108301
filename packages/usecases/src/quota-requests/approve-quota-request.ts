import {
  add,
  canReviewQuotaRequest,
  canSetDepartmentQuota,
  checkSystemQuotasWithinDepartment,
  domainError,
  fieldError,
  headroom,
  parseInput,
  personName,
  QuotaRequestApprove,
  RESOURCE_NAMES,
  type Resources,
  sum,
} from "@capstan/domain";
import type { Context } from "../context";
import { bumpVersion, mutation } from "../mutation";
import { lockDepartmentQuota, lockSystemQuota, QUOTA_FIELD, resources } from "../quotas/quota-usage";
import { mirrorIntoClusters } from "../quotas/set-system-quota";
import { findQuotaRequest } from "./find-quota-request";
import { platformAdmins } from "../notifications/audiences";
import { notify } from "../notifications/notify";
import { approvedOf, QUOTA_REQUEST_NAMES, quotaRequestLink, toQuotaRequestDto } from "./quota-request-dto";

/**
 * Approves a quota request, possibly for less than was asked: the amounts are added to the system's
 * quota. When that would take the department's systems over the department's own quota, a department
 * admin's approval forwards the request to the platform admins instead; a platform admin's approval
 * raises the department's quota by what is missing, in the same transaction.
 */
export async function approveQuotaRequest(ctx: Context, id: string, input: unknown) {
  const { cpu, memory, gpu, instances, comment, version } = parseInput(QuotaRequestApprove, input);
  return mutation(ctx, async (tx, audit) => {
    const r = await findQuotaRequest(tx, ctx.actor, id);
    const { departmentId } = r.system;
    if (!canReviewQuotaRequest(ctx.actor, { departmentId, escalated: r.escalated }))
      throw domainError(r.escalated ? "quota_request_escalated" : "forbidden_decide_quota_request");
    if (r.status !== "PENDING") throw domainError("quota_request_decided", { status: r.status.toLowerCase() });
    const asked = resources(r);
    // An escalated request carries the department admin's proposal; the platform admin starts from it.
    const start = approvedOf(r) ?? asked;
    const grant: Resources = {
      cpuMillis: cpu ?? start.cpuMillis,
      memoryMiB: memory ?? start.memoryMiB,
      gpu: gpu ?? start.gpu,
      instances: instances ?? start.instances,
    };
    const tooMuch = RESOURCE_NAMES.filter((k) => grant[k] > asked[k]);
    if (tooMuch.length) throw domainError("approve_at_most_asked", {}, Object.fromEntries(tooMuch.map((k) => [QUOTA_FIELD[k], fieldError("more_than_asked")])));

    await lockDepartmentQuota(tx, departmentId, r.dataCentreId);
    await lockSystemQuota(tx, r.systemId, r.dataCentreId);
    // One at a time: a transaction is one connection, where pg deprecates queueing queries.
    const department = await tx.departmentQuota.findUnique({ where: { departmentId_dataCentreId: { departmentId, dataCentreId: r.dataCentreId } } });
    const systems = await tx.systemQuota.findMany({ where: { dataCentreId: r.dataCentreId, system: { departmentId } } });
    const current = resources(systems.find((q) => q.systemId === r.systemId));
    const next = add(current, grant);
    const others = sum(systems.filter((q) => q.systemId !== r.systemId).map(resources));
    const over = checkSystemQuotasWithinDepartment(resources(department), [others, next]);
    const decided = {
      reviewerId: ctx.actor.userId,
      reviewComment: comment ?? null,
      reviewedAt: new Date(),
      approvedCpuMillis: grant.cpuMillis,
      approvedMemoryMiB: grant.memoryMiB,
      approvedGpu: grant.gpu,
      approvedInstances: grant.instances,
    };
    const named = {
      params: { reviewer: personName(ctx.actor), system: r.system.name, dataCentre: r.dataCentre.name },
      link: quotaRequestLink(id),
      departmentId,
    };
    const write = (data: object) =>
      bumpVersion(
        (v) => tx.quotaRequest.updateMany({ where: { id, status: "PENDING", ...v }, data: { ...data, version: { increment: 1 } } }),
        version,
        "Quota request",
        id,
      );

    if (over.length && !canSetDepartmentQuota(ctx.actor)) {
      await write({ ...decided, escalated: true });
      const after = toQuotaRequestDto(await tx.quotaRequest.findUniqueOrThrow({ where: { id }, include: QUOTA_REQUEST_NAMES }), ctx.actor);
      await audit({
        action: "quota-request.escalate",
        targetType: "quotaRequest",
        targetId: id,
        targetName: `${r.system.name} in ${r.dataCentre.name}`,
        departmentId,
        systemId: r.systemId,
        after: { proposed: grant, beyondDepartment: over.map((o) => o.message) },
      });
      await notify(tx, { ...named, reason: "quota_request_escalated", recipients: await platformAdmins(tx) });
      return after;
    }
    if (over.length) {
      const needed = add(others, next);
      const raised = add(resources(department), headroom(needed, resources(department))); // the larger of each
      await tx.departmentQuota.upsert({
        where: { departmentId_dataCentreId: { departmentId, dataCentreId: r.dataCentreId } },
        create: { departmentId, dataCentreId: r.dataCentreId, ...raised },
        update: { ...raised, version: { increment: 1 } },
      });
      await audit({
        action: "quota.department.set",
        targetType: "departmentQuota",
        targetId: `${r.system.department.name}/${r.dataCentre.name}`,
        targetName: `${r.system.department.name} in ${r.dataCentre.name}`,
        departmentId,
        before: department ? resources(department) : null,
        after: raised,
      });
    }
    await tx.systemQuota.upsert({
      where: { systemId_dataCentreId: { systemId: r.systemId, dataCentreId: r.dataCentreId } },
      create: { systemId: r.systemId, dataCentreId: r.dataCentreId, ...next },
      update: { ...next, version: { increment: 1 } },
    });
    await mirrorIntoClusters(tx, r.systemId, r.dataCentreId);
    await write({ ...decided, status: "APPROVED" });
    const after = toQuotaRequestDto(await tx.quotaRequest.findUniqueOrThrow({ where: { id }, include: QUOTA_REQUEST_NAMES }), ctx.actor);
    await audit({
      action: "quota-request.approve",
      targetType: "quotaRequest",
      targetId: id,
      targetName: `${r.system.name} in ${r.dataCentre.name}`,
      departmentId,
      systemId: r.systemId,
      before: { quota: current },
      after: { granted: grant, quota: next },
    });
    await notify(tx, { ...named, reason: "quota_request_approved", recipients: [r.requesterId] });
    return after;
  });
}
