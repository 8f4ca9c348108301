import type { Prisma } from "@capstan/db";
import { isUuid, type NotificationPage, NotificationListQuery, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { decodeCursor, isIsoInstant, keysetPage, keysetSkip } from "../keyset";
import { toNotificationDto } from "./notification-dto";

/**
 * The caller's own notifications, newest first (nobody reads another's), in keyset pages (`cursor` from
 * the previous page's `nextCursor`), with how many are unread in all. `unread=true` keeps the unread.
 * 400 for a bad cursor.
 */
export async function listNotifications(ctx: Context, query: unknown): Promise<NotificationPage> {
  const q = parseInput(NotificationListQuery, query);
  const mine: Prisma.NotificationWhereInput = { recipientId: ctx.actor.userId };
  const where: Prisma.NotificationWhereInput = q.unread ? { ...mine, readAt: null } : mine;
  const after = q.cursor ? decodeCursor(q.cursor, (c) => isIsoInstant(c.key) && isUuid(c.id)) : undefined;
  const seek: Prisma.NotificationWhereInput = after
    ? { OR: [{ createdAt: { lt: new Date(after.key) } }, { createdAt: new Date(after.key), id: { lt: after.id } }] }
    : {};
  const [rows, total, unread] = await Promise.all([
    ctx.db.notification.findMany({
      where: { AND: [where, seek] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: keysetSkip(q),
      take: q.pageSize + 1,
    }),
    ctx.db.notification.count({ where }),
    ctx.db.notification.count({ where: { ...mine, readAt: null } }),
  ]);
  const { items, nextCursor } = keysetPage(rows, q.pageSize, (n) => ({ key: n.createdAt.toISOString(), id: n.id }));
  return { items: items.map(toNotificationDto), total, page: q.page, pageSize: q.pageSize, nextCursor, unread };
}
