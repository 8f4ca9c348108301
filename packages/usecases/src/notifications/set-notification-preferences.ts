import { NotificationPreferencesSet, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { preferencesOf } from "./notification-preferences";

/** Stores the caller's choice for the kinds named (422 naming an unknown kind); the rest keep theirs. */
export async function setNotificationPreferences(ctx: Context, input: unknown) {
  const { preferences } = parseInput(NotificationPreferencesSet, input);
  const userId = ctx.actor.userId;
  return mutation(ctx, async (tx, audit) => {
    const before = await preferencesOf(tx, userId);
    for (const { kind, ...channels } of preferences)
      await tx.notificationPreference.upsert({ where: { userId_kind: { userId, kind } }, create: { userId, kind, ...channels }, update: channels });
    const after = await preferencesOf(tx, userId);
    await audit({ action: "notification.preferences.set", targetType: "user", targetId: userId, targetName: ctx.actor.email, before, after });
    return after;
  });
}
