import { listSystems } from "@capstan/usecases";
import { canManageSystemsOf, SystemListQuery } from "@capstan/domain";
import { PageHeader } from "@/components/shell/page-header";
import { NewButton } from "@/components/ui/new-button";
import { SystemsTable } from "@/components/systems/systems-table";
import { pageContext, pageTranslator } from "@/lib/server/context";
import { listParams, type SearchParams } from "@/lib/server/list-params";

export default async function SystemsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [ctx, t, sp] = await Promise.all([pageContext(), pageTranslator(), searchParams]);
  const { q = "", sort = "", mine = "", page } = listParams(sp, SystemListQuery);
  const initial = await listSystems(ctx, { q, page, ...(sort ? { sort } : {}), ...(mine ? { mine } : {}) });
  const canCreate = ctx.actor.platformRole === "PLATFORM_ADMIN" || [...ctx.actor.departments.keys()].some((d) => canManageSystemsOf(ctx.actor, d));
  return (
    <>
      <PageHeader title={t("systems.title")} actions={canCreate ? <NewButton href="/systems/new" label={t("systems.new")} /> : null} />
      <SystemsTable initial={initial} initialQ={q} initialSort={sort} initialMine={mine} />
    </>
  );
}
