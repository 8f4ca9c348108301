import { canOperateFleet, NodeListQuery } from "@capstan/domain";
import { getLabelPolicy, listClusters, listNodes } from "@capstan/usecases";
import Link from "next/link";
import { NodesList } from "@/components/nodes/nodes-list";
import { PageHeader } from "@/components/shell/page-header";
import { pageContext, pageTranslator } from "@/lib/server/context";
import { listParams, type SearchParams } from "@/lib/server/list-params";
import { NotAllowed } from "@/components/shell/not-allowed";

export default async function NodesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [ctx, t, sp] = await Promise.all([pageContext(), pageTranslator(), searchParams]);
  if (!canOperateFleet(ctx.actor)) return <NotAllowed title={t("nodes.title")} />;
  // Keyset pages: a cursor cannot be reopened from the URL, so the first render is the first page of the filters.
  const { q = "", cursor: _cursor, page: _page, pageSize: _pageSize, ...filters } = listParams(sp, NodeListQuery);
  const [initial, clusters, policy] = await Promise.all([
    listNodes(ctx, { ...(q ? { q } : {}), ...filters }),
    listClusters(ctx, { pageSize: "100" }),
    getLabelPolicy(ctx),
  ]);
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
      <NodesList initial={initial} initialQ={q} initialFilters={filters} clusters={clusters.items.map((c) => c.name)} zones={policy.zones} />
    </>
  );
}
