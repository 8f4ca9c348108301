import { canOperateFleet } from "@capstan/domain";
import { listNodes } from "@capstan/usecases";
import Link from "next/link";
import { NodesList } from "@/components/nodes-list";
import { PageHeader } from "@/components/page-header";
import { pageContext, pageTranslator } from "@/lib/server/context";
import { titled } from "@/lib/server/metadata";

export const generateMetadata = titled("nodes.title");

export default async function NodesPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const [ctx, t, sp] = await Promise.all([pageContext(), pageTranslator(), searchParams]);
  if (!canOperateFleet(ctx.actor))
    return (
      <>
        <PageHeader title={t("nodes.title")} />
        <p className="card text-sm">{t("errors.forbidden")}</p>
      </>
    );
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
