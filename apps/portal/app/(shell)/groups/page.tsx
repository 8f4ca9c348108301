import { listGroups } from "@capstan/usecases";
import { GroupsTable } from "@/components/groups/groups-table";
import { PageHeader } from "@/components/shell/page-header";
import { pageContext, pageTranslator } from "@/lib/server/context";

export default async function GroupsPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const [ctx, t, sp] = await Promise.all([pageContext(), pageTranslator(), searchParams]);
  return (
    <>
      <PageHeader title={t("groups.title")} />
      <GroupsTable initial={await listGroups(ctx, { q: sp.q || undefined })} initialQ={sp.q ?? ""} />
    </>
  );
}
