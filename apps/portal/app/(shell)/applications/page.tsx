import { ApplicationListQuery } from "@capstan/domain";
import { listApplications } from "@capstan/usecases";
import { ApplicationsTable } from "@/components/applications/applications-table";
import { PageHeader } from "@/components/shell/page-header";
import { pageContext, pageTranslator } from "@/lib/server/context";
import { listParams, type SearchParams } from "@/lib/server/list-params";

export default async function ApplicationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [ctx, t, sp] = await Promise.all([pageContext(), pageTranslator(), searchParams]);
  const { q = "", sort = "", page } = listParams(sp, ApplicationListQuery);
  const initial = await listApplications(ctx, { q, page, ...(sort ? { sort } : {}) });
  return (
    <>
      <PageHeader title={t("applications.title")} />
      <ApplicationsTable initial={initial} initialQ={q} initialSort={sort} />
    </>
  );
}
