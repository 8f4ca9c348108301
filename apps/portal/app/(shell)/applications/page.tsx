import { ApplicationListQuery } from "@capstan/domain";
import { listApplications, listSystems } from "@capstan/usecases";
import { ApplicationsTable } from "@/components/applications/applications-table";
import { PageHeader } from "@/components/shell/page-header";
import { NewInParent } from "@/components/systems/new-in-parent";
import { pageContext, pageTranslator } from "@/lib/server/context";
import { listParams, type SearchParams } from "@/lib/server/list-params";

export default async function ApplicationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [ctx, t, sp] = await Promise.all([pageContext(), pageTranslator(), searchParams]);
  const { q = "", sort = "", page } = listParams(sp, ApplicationListQuery);
  const [initial, writable] = await Promise.all([
    listApplications(ctx, { q, page, ...(sort ? { sort } : {}) }),
    listSystems(ctx, { writable: "true", pageSize: "1" }),
  ]);
  // "New application" only where the actor may create one somewhere: a system it may write in.
  return (
    <>
      <PageHeader title={t("applications.title")} actions={writable.total > 0 ? <NewInParent kind="application" label={t("applications.new")} /> : null} />
      <ApplicationsTable initial={initial} initialQ={q} initialSort={sort} />
    </>
  );
}
