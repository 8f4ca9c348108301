import type { NotificationTarget, Tx } from "@capstan/db";
import { type Actor, canManageSystemsOf, domainError, type NotificationTargetDto, type WebhookFormat } from "@capstan/domain";
import { findDepartment } from "../lookups";

/** Whose target: the caller's own, or a department's (its admins and platform admins). */
export type TargetScope = { department?: string };

/** The row's owner for a scope: the caller, or the named department (404 unreadable, 403 not its admin). */
export async function targetOwner(
  tx: Pick<Tx, "department" | "system" | "application">,
  actor: Actor,
  scope: TargetScope,
): Promise<{ userId: string } | { departmentId: string }> {
  if (!scope.department) return { userId: actor.userId };
  const d = await findDepartment(tx, actor, scope.department);
  if (!canManageSystemsOf(actor, d.id)) throw domainError("forbidden_change_department_notifications");
  return { departmentId: d.id };
}

/** A target as shown: the webhook's host only, never its URL. */
export const toNotificationTargetDto = (t: NotificationTarget | null): NotificationTargetDto => ({
  email: t?.email ?? null,
  webhookHost: t?.webhookHost ?? null,
  webhookFormat: (t?.webhookFormat ?? "msgtype") as WebhookFormat,
  version: t?.version ?? 0,
});
