import { canOperateFleet } from "@capstan/domain";
import { getDataCentre, listClusters } from "@capstan/usecases";
import { ClusterForm } from "@/components/data-centres/cluster-form";
import { ClustersTable } from "@/components/data-centres/clusters-table";
import { DataCentreForm } from "@/components/data-centres/data-centre-form";
import { DeleteButton } from "@/components/ui/delete-button";
import { EditToggle } from "@/components/ui/edit-toggle";
import { PageHeader } from "@/components/shell/page-header";
import { load, pageContext, pageTranslator } from "@/lib/server/context";

export default async function DataCentrePage({ params }: { params: Promise<{ dc: string }> }) {
  const [ctx, t, { dc: name }] = await Promise.all([pageContext(), pageTranslator(), params]);
  const d = await load(getDataCentre(ctx, name));
  const clusters = await listClusters(ctx, { dataCentre: name, pageSize: "100" });
  const view = (
    <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
      <dt className="text-slate-500">{t("common.displayName")}</dt>
      <dd>{d.displayName}</dd>
      <dt className="text-slate-500">{t("fleet.region")}</dt>
      <dd>{d.region}</dd>
      <dt className="text-slate-500">{t("fleet.harborUrl")}</dt>
      <dd className="font-mono text-xs">{d.harborUrl}</dd>
      {d.harborUsername !== undefined ? (
        <>
          <dt className="text-slate-500">{t("fleet.harborUsername")}</dt>
          <dd>{d.harborUsername}</dd>
        </>
      ) : null}
      <dt className="text-slate-500">{t("fleet.builderImage")}</dt>
      <dd className="font-mono text-xs">{d.builderImage}</dd>
      <dt className="text-slate-500">{t("fleet.buildsPerSystem")}</dt>
      <dd>{d.buildsPerSystem}</dd>
      <dt className="text-slate-500">{t("fleet.dnsZone")}</dt>
      <dd className="font-mono text-xs">{d.dns.zone ?? t("fleet.dnsNoZone")}</dd>
      <dt className="text-slate-500">{t("fleet.dnsProvider")}</dt>
      <dd>{t(`fleet.dnsProviders.${d.dns.provider}`)}</dd>
      <dt className="text-slate-500">{t("fleet.dnsTarget")}</dt>
      <dd>{t(`fleet.dnsTargets.${d.dns.target}`)}</dd>
      {d.dns.provider === "BUILTIN" ? (
        <>
          <dt className="text-slate-500">{t("fleet.dnsServer")}</dt>
          <dd className="font-mono text-xs">
            {d.dns.server
              ? `${d.dns.server.address.includes(":") ? `[${d.dns.server.address}]` : d.dns.server.address}:${d.dns.server.port}`
              : t("fleet.dnsServerOff")}
          </dd>
        </>
      ) : d.dns.powerdnsUrl ? (
        <>
          <dt className="text-slate-500">{t("fleet.powerdnsUrl")}</dt>
          <dd className="font-mono text-xs">{d.dns.powerdnsUrl}</dd>
        </>
      ) : null}
    </dl>
  );
  return (
    <>
      <PageHeader
        title={d.displayName}
        crumbs={[{ href: "/data-centres", label: t("fleet.title") }]}
        actions={d.can.manage ? <DeleteButton name={d.name} url={`/api/v1/data-centres/${d.name}`} after="/data-centres" /> : null}
      />
      {d.can.manage ? <EditToggle view={view} form={<DataCentreForm dataCentre={d} />} /> : <div className="card">{view}</div>}
      <h2 className="text-lg font-semibold">{t("fleet.clusters")}</h2>
      <ClustersTable clusters={clusters.items} canCheck={canOperateFleet(ctx.actor)} canManage={d.can.manage} />
      {d.can.manage ? <ClusterForm dataCentre={d.name} /> : null}
    </>
  );
}
