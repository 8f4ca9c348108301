import { canManageUsers, readsEverything } from "@capstan/domain";
import { listUsers } from "@capstan/usecases";
import { PageHeader } from "@/components/page-header";
import { UsersAdmin } from "@/components/users-admin";
import { pageContext, pageTranslator } from "@/lib/server/context";
import { titled } from "@/lib/server/metadata";

export const generateMetadata = titled("users.title");

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const [ctx, t, sp] = await Promise.all([pageContext(), pageTranslator(), searchParams]);
  if (!readsEverything(ctx.actor))
    return (
      <>
        <PageHeader title={t("users.title")} />
        <p className="card text-sm">{t("errors.forbidden")}</p>
      </>
    );
  return (
    <>
      <PageHeader title={t("users.title")} />
      <UsersAdmin initial={await listUsers(ctx, { q: sp.q || undefined })} initialQ={sp.q ?? ""} canManage={canManageUsers(ctx.actor)} />
    </>
  );
}
