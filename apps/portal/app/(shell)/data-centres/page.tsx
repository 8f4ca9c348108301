import { canManageFleet } from "@capstan/domain";
import { listDataCentres } from "@capstan/usecases";
import Link from "next/link";
import { DataCentreForm } from "@/components/data-centres/data-centre-form";
import { PageHeader } from "@/components/shell/page-header";
import { NewButton } from "@/components/ui/new-button";
import { ClusterStatus } from "@/components/ui/status-badge";
import { pageContext, pageTranslator } from "@/lib/server/context";

export default async function DataCentresPage() {
  const [ctx, t] = await Promise.all([pageContext(), pageTranslator()]);
  const dcs = await listDataCentres(ctx, { pageSize: "100" });
  return (
    <>
      <PageHeader title={t("fleet.title")} actions={canManageFleet(ctx.actor) ? <NewButton href="#new" label={t("fleet.newDataCentre")} /> : null} />
      {dcs.items.length === 0 ? <p className="card text-sm text-slate-600">{t("fleet.noDataCentres")}</p> : null}
      <div className="grid gap-4 md:grid-cols-2">
        {dcs.items.map((d) => (
          <Link key={d.name} href={`/data-centres/${d.name}`} className="card block space-y-2 hover:border-sky-400" data-testid={`dc-${d.name}`}>
            <div className="flex items-baseline justify-between">
              <span className="text-lg font-semibold">{d.displayName}</span>
              <span className="text-sm text-slate-500">{d.region}</span>
            </div>
            <ul className="space-y-1 text-sm">
              {(d.clusters ?? []).map((c) => (
                <li key={c.name} className="flex items-center justify-between">
                  <span className="font-mono">{c.name}</span>
                  <ClusterStatus status={c.status as "HEALTHY"} />
                </li>
              ))}
              {d.clusters?.length === 0 ? <li className="text-slate-500">{t("fleet.noClusters")}</li> : null}
            </ul>
          </Link>
        ))}
      </div>
      {canManageFleet(ctx.actor) ? (
        <section id="new" className="scroll-mt-4 space-y-2">
          <h2 className="text-lg font-semibold">{t("fleet.newDataCentre")}</h2>
          <DataCentreForm />
        </section>
      ) : null}
    </>
  );
}
