import { canReviewQuotaRequest, domainError, parseInput, personName, QuotaRequestReject } from "@capstan/domain";
import type { Context } from "../context";
import { bumpVersion, mutation } from "../mutation";
import { findQuotaRequest } from "./find-quota-request";
import { notify } from "../notifications/notify";
import { QUOTA_REQUEST_NAMES, quotaRequestLink, toQuotaRequestDto } from "./quota-request-dto";

/** Turns a quota request down, saying why. */
export async function rejectQuotaRequest(ctx: Context, id: string, input: unknown) {
  const { comment, version } = parseInput(QuotaRequestReject, input);
  return mutation(ctx, async (tx, audit) => {
    const r = await findQuotaRequest(tx, ctx.actor, id);
    if (!canReviewQuotaRequest(ctx.actor, { departmentId: r.system.departmentId, escalated: r.escalated }))
      throw domainError(r.escalated ? "quota_request_escalated" : "forbidden_decide_quota_request");
    if (r.status !== "PENDING") throw domainError("quota_request_decided", { status: r.status.toLowerCase() });
    await bumpVersion(
      (v) =>
        tx.quotaRequest.updateMany({
          where: { id, status: "PENDING", ...v },
          data: { status: "REJECTED", reviewerId: ctx.actor.userId, reviewComment: comment, reviewedAt: new Date(), version: { increment: 1 } },
        }),
      version,
      "Quota request",
      id,
    );
    const after = toQuotaRequestDto(await tx.quotaRequest.findUniqueOrThrow({ where: { id }, include: QUOTA_REQUEST_NAMES }), ctx.actor);
    await audit({
      action: "quota-request.reject",
      targetType: "quotaRequest",
      targetId: id,
      targetName: `${r.system.name} in ${r.dataCentre.name}`,
      departmentId: r.system.departmentId,
      systemId: r.systemId,
      after: { status: after.status, comment },
    });
    await notify(tx, {
      reason: "quota_request_rejected",
      params: { reviewer: personName(ctx.actor), system: r.system.name, dataCentre: r.dataCentre.name, comment },
      link: quotaRequestLink(id),
      recipients: [r.requesterId],
      departmentId: r.system.departmentId,
    });
    return after;
  });
}
