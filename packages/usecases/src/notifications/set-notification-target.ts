import { secrets } from "@capstan/db/secrets";
import { domainError, fieldError, NotificationTargetSet, parseInput, staleVersion } from "@capstan/domain";
import { webhookUrlProblem } from "@capstan/orchestrator";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { type TargetScope, targetOwner, toNotificationTargetDto } from "./notification-target";

/**
 * Sets where the caller's (or a department's) outbound notifications go. The webhook URL is checked
 * against the outbound policy (422 naming `webhookUrl`), sealed at rest and never shown or logged again;
 * left out, the stored one stays; null removes it. `version` (the target's, 0 for none yet) makes a stale
 * edit a 409.
 */
export async function setNotificationTarget(ctx: Context, scope: TargetScope, input: unknown) {
  const { email, webhookUrl, webhookFormat, version } = parseInput(NotificationTargetSet, input);
  if (webhookUrl) {
    const problem = await webhookUrlProblem(webhookUrl);
    if (problem) throw domainError("webhook_url_refused", { problem }, { webhookUrl: fieldError("webhook_url_refused", { problem }) });
  }
  const webhook =
    webhookUrl === undefined
      ? {}
      : webhookUrl === null
        ? { webhookUrlSealed: null, webhookHost: null }
        : { webhookUrlSealed: Buffer.from(secrets().seal(webhookUrl)).toString("base64"), webhookHost: new URL(webhookUrl).host };
  return mutation(ctx, async (tx, audit) => {
    const owner = await targetOwner(tx, ctx.actor, scope);
    const current = await tx.notificationTarget.findUnique({ where: owner });
    if (version !== undefined && version !== (current?.version ?? 0)) throw staleVersion("Notification target", scope.department ?? ctx.actor.email);
    const data = { email, webhookFormat, ...webhook };
    // An upsert (INSERT … ON CONFLICT), so two first settings at once do not collide.
    const saved = await tx.notificationTarget.upsert({ where: owner, create: { ...owner, ...data }, update: { ...data, version: { increment: 1 } } });
    const before = toNotificationTargetDto(current);
    const after = toNotificationTargetDto(saved);
    await audit({
      action: "notification.target.set",
      targetType: "departmentId" in owner ? "department" : "user",
      targetId: "departmentId" in owner ? owner.departmentId : owner.userId,
      targetName: scope.department ?? ctx.actor.email,
      departmentId: "departmentId" in owner ? owner.departmentId : null,
      before,
      after,
    });
    return after;
  });
}
