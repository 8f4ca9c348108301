import { getNotificationPreferences, getNotificationTarget } from "@capstan/usecases";
import { NotificationSettings } from "@/components/notifications/notification-settings";
import { PageHeader } from "@/components/shell/page-header";
import { pageContext, pageTranslator } from "@/lib/server/context";

export default async function NotificationSettingsPage() {
  const [ctx, t] = await Promise.all([pageContext(), pageTranslator()]);
  const [preferences, target] = await Promise.all([getNotificationPreferences(ctx), getNotificationTarget(ctx)]);
  return (
    <>
      <PageHeader title={t("notifications.preferences")} crumbs={[{ href: "/notifications", label: t("notifications.title") }]} />
      <NotificationSettings preferences={preferences} target={target} />
    </>
  );
}
