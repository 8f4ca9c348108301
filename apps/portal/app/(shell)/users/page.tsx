import { canManageUsers, readsEverything } from "@capstan/domain";
import { listUsers } from "@capstan/usecases";
import { PageHeader } from "@/components/shell/page-header";
import { UsersAdmin } from "@/components/users/users-admin";
import { pageContext, pageTranslator } from "@/lib/server/context";
import { NotAllowed } from "@/components/shell/not-allowed";

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const [ctx, t, sp] = await Promise.all([pageContext(), pageTranslator(), searchParams]);
  if (!readsEverything(ctx.actor)) return <NotAllowed title={t("users.title")} />;
  return (
    <>
      <PageHeader title={t("users.title")} />
      <UsersAdmin initial={await listUsers(ctx, { q: sp.q || undefined })} initialQ={sp.q ?? ""} canManage={canManageUsers(ctx.actor)} />
    </>
  );
}
