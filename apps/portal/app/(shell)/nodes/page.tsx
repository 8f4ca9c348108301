import { canOperateFleet } from "@capstan/domain";
import { listNodes } from "@capstan/usecases";
import Link from "next/link";
import { NodesList } from "@/components/nodes/nodes-list";
import { PageHeader } from "@/components/shell/page-header";
import { pageContext, pageTranslator } from "@/lib/server/context";
import { NotAllowed } from "@/components/shell/not-allowed";

export default async function NodesPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const [ctx, t, sp] = await Promise.all([pageContext(), pageTranslator(), searchParams]);
  if (!canOperateFleet(ctx.actor)) return <NotAllowed title={t("nodes.title")} />;
  return (
    <>
      <PageHeader
        title={t("nodes.title")}
        actions={
          <>
            <Link href="/nodes/overview" className="btn-secondary">
              {t("overview.link")}
            </Link>
            <Link href="/nodes/policy" className="btn-secondary">
              {t("policy.link")}
            </Link>
          </>
        }
      />
      <NodesList initial={await listNodes(ctx, { q: sp.q || undefined })} initialQ={sp.q ?? ""} initialFilters={{}} />
    </>
  );
}
