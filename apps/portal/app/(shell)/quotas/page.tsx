import { canSetDepartmentQuota } from "@capstan/domain";
import { getDepartmentQuotas, listDataCentres, listDepartments, listQuotaRequests, listSystems } from "@capstan/usecases";
import { PageHeader } from "@/components/shell/page-header";
import { QuotaOverview } from "@/components/quotas/quota-overview";
import { AskForQuota, QuotaRequests } from "@/components/quotas/quota-requests";
import { pageContext, pageTranslator } from "@/lib/server/context";

type AskParams = Partial<Record<"system" | "dataCentre" | "cpu" | "memory" | "gpu" | "instances", string>>;

export default async function QuotasPage({ searchParams }: { searchParams: Promise<AskParams> }) {
  const [ctx, t, sp] = await Promise.all([pageContext(), pageTranslator(), searchParams]);
  const [departments, systems, dataCentres] = await Promise.all([
    listDepartments(ctx, { pageSize: 100 }),
    listSystems(ctx, { pageSize: 100 }),
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
  return (
    <>
      <PageHeader title={t("quotas.title")} />
      <p className="max-w-3xl text-sm text-slate-600">{t("quotas.intro")}</p>
      <div className="grid gap-6 xl:grid-cols-[3fr_2fr]">
        <QuotaOverview departments={quotas} />
        <div className="space-y-6">
          {systems.items.length && dataCentres.items.length ? (
            <AskForQuota systems={systems.items.map((s) => s.name)} dataCentres={dataCentres.items.map((d) => d.name)} prefill={sp} />
          ) : null}
          <QuotaRequests initial={requests} initialView={view} />
        </div>
      </div>
    </>
  );
}
