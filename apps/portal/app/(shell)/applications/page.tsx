import { listApplications } from "@capstan/usecases";
import { ApplicationsTable } from "@/components/applications/applications-table";
import { PageHeader } from "@/components/shell/page-header";
import { pageContext, pageTranslator } from "@/lib/server/context";

export default async function ApplicationsPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const [ctx, t, sp] = await Promise.all([pageContext(), pageTranslator(), searchParams]);
  const initial = await listApplications(ctx, { q: sp.q || undefined });
  return (
    <>
      <PageHeader title={t("applications.title")} />
      <ApplicationsTable initial={initial} initialQ={sp.q ?? ""} />
    </>
  );
}
