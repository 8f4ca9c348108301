// Raising notifications, inside the transaction of the change that causes them: a change that rolls back
// notifies no one, and a committed change cannot lose its notifications. Each recipient's choice for the
// kind (or the kind's defaults) says whether it is shown in the portal, e-mailed or posted to their
// webhook; outbound deliveries are graphile-worker jobs (task `deliver-notification`, one per delivery)
// queued in the same transaction and retried with backoff by the worker (docs/notifications.md).
import type { Prisma, Tx } from "@capstan/db";
import { jobMetaNow } from "@capstan/db/kinds";
import {
  type Channels,
  NOTIFICATION_KINDS,
  type NotificationDelivery,
  NOTIFICATION_REASONS,
  type NotificationParams,
  type NotificationReason,
} from "@capstan/domain";

type Executor = Pick<Tx, "$executeRaw" | "notification" | "notificationPreference" | "notificationTarget" | "user">;

/** The worker's task that delivers one notification by e-mail or webhook. */
export const DELIVERY_TASK = "deliver-notification";
/** Attempts per delivery before graphile-worker gives up (its backoff: exp(min(attempt, 10)) seconds). */
export const DELIVERY_ATTEMPTS = 8;

/** One delivery, the payload of a `deliver-notification` job (NotificationDeliverySchema). */
export type Delivery = NotificationDelivery;

/** Something that happened, and who must hear of it. */
export interface NotifyEvent {
  reason: NotificationReason;
  params: NotificationParams;
  /** Portal path of the object, e.g. `/quotas?request=<id>`. */
  link: string;
  /** User ids; repeats and disabled accounts are dropped. */
  recipients: string[];
  /** The object's department: its delivery target (a team's bot or list) hears of it too. */
  departmentId?: string | null;
}

/**
 * Records `event` for each recipient who wants it in the portal and queues its e-mail and webhook
 * deliveries, all on `tx`. Resolves to the number of notifications stored.
 */
export async function notify(tx: Executor, event: NotifyEvent): Promise<number> {
  const kind = NOTIFICATION_REASONS[event.reason].kind;
  const users = await tx.user.findMany({ where: { id: { in: [...new Set(event.recipients)] }, disabled: false }, select: { id: true } });
  const ids = users.map((u) => u.id);
  const chosen = await tx.notificationPreference.findMany({ where: { userId: { in: ids }, kind } });
  const channels = (id: string): Channels => chosen.find((p) => p.userId === id) ?? NOTIFICATION_KINDS[kind].defaults;
  const base = { reason: event.reason, params: event.params, link: event.link };
  const shown = ids.filter((id) => channels(id).inApp);
  if (shown.length) {
    await tx.notification.createMany({
      data: shown.map((recipientId) => ({
        ...base,
        kind,
        recipientId,
        params: event.params as Prisma.InputJsonObject,
        departmentId: event.departmentId ?? null,
      })),
    });
  }
  const deliveries: Delivery[] = ids.flatMap((userId) => {
    const c = channels(userId);
    return [...(c.email ? [{ ...base, channel: "email" as const, userId }] : []), ...(c.webhook ? [{ ...base, channel: "webhook" as const, userId }] : [])];
  });
  if (event.departmentId) {
    const target = await tx.notificationTarget.findUnique({ where: { departmentId: event.departmentId } });
    if (target?.email) deliveries.push({ ...base, channel: "email", departmentId: event.departmentId });
    if (target?.webhookUrlSealed) deliveries.push({ ...base, channel: "webhook", departmentId: event.departmentId });
  }
  await queueDeliveries(tx, deliveries);
  return shown.length;
}

async function queueDeliveries(tx: Pick<Tx, "$executeRaw">, deliveries: Delivery[]): Promise<void> {
  if (deliveries.length === 0) return;
  // The request that raised it, for the worker's log lines about its delivery (docs/observability.md).
  const meta = jobMetaNow();
  // No job key: each delivery is its own job, and two events never coalesce into one message.
  await tx.$executeRaw`SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
    SELECT ROW(${DELIVERY_TASK}::text, j.payload, NULL, NULL, ${DELIVERY_ATTEMPTS}::int, NULL, NULL, NULL)::graphile_worker.job_spec
    FROM json_array_elements(${JSON.stringify(deliveries.map((d) => ({ ...d, ...meta })))}::json) AS j(payload)))`;
}
