import { canManageUsers, readsEverything, UserListQuery } from "@capstan/domain";
import { listUsers } from "@capstan/usecases";
import { PageHeader } from "@/components/shell/page-header";
import { NewButton } from "@/components/ui/new-button";
import { UsersAdmin } from "@/components/users/users-admin";
import { pageContext, pageTranslator } from "@/lib/server/context";
import { listParams, type SearchParams } from "@/lib/server/list-params";
import { NotAllowed } from "@/components/shell/not-allowed";

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [ctx, t, sp] = await Promise.all([pageContext(), pageTranslator(), searchParams]);
  if (!readsEverything(ctx.actor)) return <NotAllowed title={t("users.title")} />;
  const { q = "", sort = "", page } = listParams(sp, UserListQuery);
  const initial = await listUsers(ctx, { q, page, ...(sort ? { sort } : {}) });
  return (
    <>
      <PageHeader title={t("users.title")} actions={canManageUsers(ctx.actor) ? <NewButton href="#new" label={t("users.new")} /> : null} />
      <UsersAdmin initial={initial} initialQ={q} initialSort={sort} canManage={canManageUsers(ctx.actor)} />
    </>
  );
}
