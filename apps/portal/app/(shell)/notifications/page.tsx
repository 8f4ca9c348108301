import Link from "next/link";
import { NotificationList } from "@/components/notifications/notification-list";
import { PageHeader } from "@/components/shell/page-header";
import { pageContext, pageTranslator } from "@/lib/server/context";

export default async function NotificationsPage() {
  const [, t] = await Promise.all([pageContext(), pageTranslator()]);
  return (
    <>
      <PageHeader
        title={t("notifications.title")}
        actions={
          <Link href="/notifications/settings" className="btn-secondary">
            {t("notifications.preferences")}
          </Link>
        }
      />
      <NotificationList />
    </>
  );
}
