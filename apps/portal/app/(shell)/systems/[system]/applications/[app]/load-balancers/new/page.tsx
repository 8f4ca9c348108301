import { getApplication, listDataCentres, listGroups } from "@capstan/usecases";
import { LoadBalancerForm } from "@/components/load-balancers/load-balancer-form";
import { PageHeader } from "@/components/shell/page-header";
import { load, pageContext, pageTranslator } from "@/lib/server/context";

export default async function NewLoadBalancerPage({ params }: { params: Promise<{ system: string; app: string }> }) {
  const [ctx, t, { system, app }] = await Promise.all([pageContext(), pageTranslator(), params]);
  const [a, dcs, groups] = await Promise.all([
    load(getApplication(ctx, system, app)),
    listDataCentres(ctx, { pageSize: "100" }),
    listGroups(ctx, { system, application: app, pageSize: "100" }),
  ]);
  // Only data centres with a cluster: a balancer runs in one.
  const dataCentres = dcs.items
    .map((d) => ({ name: d.name, displayName: d.displayName, clusters: (d.clusters ?? []).map((c) => c.name), zone: d.dns.zone }))
    .filter((d) => d.clusters.length > 0);
  return (
    <>
      <PageHeader
        title={t("loadBalancers.new")}
        crumbs={[
          { href: "/systems", label: t("systems.title") },
          { href: `/systems/${system}`, label: system },
          { href: `/systems/${system}/applications/${app}`, label: app },
        ]}
      />
      {!a.can.write ? (
        <p className="card text-sm">{t("common.readOnly")}</p>
      ) : dataCentres.length === 0 ? (
        <p className="card text-sm">{t("loadBalancers.noDataCentres")}</p>
      ) : (
        <LoadBalancerForm
          system={system}
          application={app}
          appHealthPath={a.healthCheckPath}
          dataCentres={dataCentres}
          groups={groups.items.map((g) => ({ name: g.name, dataCentre: g.dataCentre, cluster: g.cluster }))}
        />
      )}
    </>
  );
}
