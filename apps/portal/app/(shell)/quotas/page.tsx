import { canSetDepartmentQuota } from "@capstan/domain";
import { getDepartmentQuotas, listDataCentres, listDepartments, listQuotaRequests, systemsToAskQuotaFor } from "@capstan/usecases";
import { PageHeader } from "@/components/shell/page-header";
import { QuotaOverview } from "@/components/quotas/quota-overview";
import { AskForQuota, QuotaRequests } from "@/components/quotas/quota-requests";
import { pageContext, pageTranslator } from "@/lib/server/context";

type AskParams = Partial<Record<"system" | "dataCentre" | "cpu" | "memory" | "gpu" | "instances", string>>;

export default async function QuotasPage({ searchParams }: { searchParams: Promise<AskParams> }) {
  const [ctx, t, sp] = await Promise.all([pageContext(), pageTranslator(), searchParams]);
  const [departments, askable, dataCentres] = await Promise.all([
    listDepartments(ctx, { pageSize: 100 }),
    // Only systems the server lets this reader ask quota for (canAskQuota): no form for viewers or ops.
    systemsToAskQuotaFor(ctx),
    listDataCentres(ctx, { pageSize: 100 }),
  ]);
  const reviewer = departments.items.some((d) => d.canManageSystems);
  const view = reviewer ? "toReview" : "mine";
  const [quotas, requests] = await Promise.all([
    Promise.all(
      departments.items.map(async (d) => ({
        ...(await getDepartmentQuotas(ctx, d.name)),
        can: { setDepartment: canSetDepartmentQuota(ctx.actor), setSystems: d.canManageSystems },
      })),
    ),
    listQuotaRequests(ctx, view === "toReview" ? { toReview: "true" } : { mine: "true" }),
  ]);
  const ask =
    askable.length && dataCentres.items.length ? <AskForQuota systems={askable} dataCentres={dataCentres.items.map((d) => d.name)} prefill={sp} /> : null;
  const list = <QuotaRequests initial={requests} initialView={view} reviewer={reviewer} />;
  // Reviewers see what waits for them first, across the page; others their own requests beside the form.
  const side = reviewer ? (
    ask
  ) : (
    <>
      {ask}
      {list}
    </>
  );
  return (
    <>
      <PageHeader title={t("quotas.title")} />
      <p className="max-w-3xl text-sm text-slate-600">{t("quotas.intro")}</p>
      {reviewer ? list : null}
      {/* Columns that may shrink below their content (minmax 0): the meters fit their card, tables scroll. */}
      <div className={`grid gap-6 ${ask || !reviewer ? "lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] lg:items-start" : ""}`}>
        <QuotaOverview departments={quotas} />
        {ask || !reviewer ? (
          <div className="@container min-w-0 space-y-6" data-testid="quota-side">
            {side}
          </div>
        ) : null}
      </div>
    </>
  );
}
