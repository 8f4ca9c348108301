import type { Tx } from "@capstan/db";
import { NOTIFICATION_KIND_NAMES, NOTIFICATION_KINDS, type NotificationPreferences } from "@capstan/domain";

/** A user's choice for every kind: what they stored, else the kind's defaults. */
export async function preferencesOf(tx: Pick<Tx, "notificationPreference">, userId: string): Promise<NotificationPreferences> {
  const stored = await tx.notificationPreference.findMany({ where: { userId } });
  return {
    preferences: NOTIFICATION_KIND_NAMES.map((kind) => {
      const s = stored.find((p) => p.kind === kind) ?? NOTIFICATION_KINDS[kind].defaults;
      return { kind, inApp: s.inApp, email: s.email, webhook: s.webhook };
    }),
  };
}
