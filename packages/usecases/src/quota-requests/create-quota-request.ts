import { canAskQuota, domainError, parseInput, personName, QuotaRequestCreate } from "@capstan/domain";
import type { Context } from "../context";
import { findSystem } from "../lookups";
import { mutation } from "../mutation";
import { findDataCentre } from "../quotas/quota-view";
import { departmentAdmins } from "../notifications/audiences";
import { notify } from "../notifications/notify";
import { QUOTA_REQUEST_NAMES, quotaRequestLink, toQuotaRequestDto } from "./quota-request-dto";

/** A developer of a system asks for more quota in a data centre; the department's admins decide. */
export async function createQuotaRequest(ctx: Context, input: unknown) {
  const { system, dataCentre, cpu, memory, gpu, instances, reason } = parseInput(QuotaRequestCreate, input);
  return mutation(ctx, async (tx, audit) => {
    const s = await findSystem(tx, ctx.actor, system);
    if (!canAskQuota(ctx.actor, s)) throw domainError("forbidden_ask_quota", { system });
    const dc = await findDataCentre(tx, dataCentre);
    const r = await tx.quotaRequest.create({
      data: { systemId: s.id, dataCentreId: dc.id, requesterId: ctx.actor.userId, cpuMillis: cpu, memoryMiB: memory, gpu, instances, reason },
      include: QUOTA_REQUEST_NAMES,
    });
    const dto = toQuotaRequestDto(r, ctx.actor);
    await audit({
      action: "quota-request.create",
      targetType: "quotaRequest",
      targetId: r.id,
      targetName: `${system} in ${dataCentre}`,
      departmentId: s.departmentId,
      systemId: s.id,
      after: dto,
    });
    await notify(tx, {
      reason: "quota_request_waiting",
      params: { requester: personName(ctx.actor), system, dataCentre },
      link: quotaRequestLink(r.id),
      recipients: await departmentAdmins(tx, s.departmentId),
      departmentId: s.departmentId,
    });
    return dto;
  });
}
