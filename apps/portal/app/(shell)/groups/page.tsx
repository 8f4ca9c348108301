import { GroupListQuery } from "@capstan/domain";
import { listApplications, listDataCentres, listGroups } from "@capstan/usecases";
import { GroupsTable } from "@/components/groups/groups-table";
import { PageHeader } from "@/components/shell/page-header";
import { NewInParent } from "@/components/systems/new-in-parent";
import { pageContext, pageTranslator } from "@/lib/server/context";
import { listParams, type SearchParams } from "@/lib/server/list-params";

export default async function GroupsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [ctx, t, sp] = await Promise.all([pageContext(), pageTranslator(), searchParams]);
  // The URL's search, page, sort and filters give the first render, so a shared or reloaded view opens as it was.
  const { q = "", sort = "", phase, dataCentre, mine, ...paging } = listParams(sp, GroupListQuery);
  const filters = { phase, dataCentre, mine };
  const [initial, dcs, writable] = await Promise.all([
    listGroups(ctx, { q, sort: sort || undefined, ...filters, ...paging }),
    listDataCentres(ctx, { pageSize: "100" }),
    listApplications(ctx, { writable: "true", pageSize: "1" }),
  ]);
  // "New group" only where the actor may create one somewhere: an application of a system it may write in.
  return (
    <>
      <PageHeader title={t("groups.title")} actions={writable.total > 0 ? <NewInParent kind="group" label={t("groups.new")} /> : null} />
      <GroupsTable initial={initial} initialQ={q} initialSort={sort} initialFilters={filters} dataCentres={dcs.items.map((d) => d.name)} />
    </>
  );
}
