import { getApplication, getLabelPolicy, listDataCentres } from "@capstan/usecases";
import { GroupForm } from "@/components/groups/group-form";
import { PageHeader } from "@/components/shell/page-header";
import { load, pageContext, pageTranslator } from "@/lib/server/context";

export default async function NewGroupPage({ params }: { params: Promise<{ system: string; app: string }> }) {
  const [ctx, t, { system, app }] = await Promise.all([pageContext(), pageTranslator(), params]);
  const [a, dcs, policy] = await Promise.all([load(getApplication(ctx, system, app)), listDataCentres(ctx, { pageSize: "100" }), getLabelPolicy(ctx)]);
  const dataCentres = dcs.items.map((d) => ({ name: d.name, displayName: d.displayName, clusters: (d.clusters ?? []).map((c) => c.name) }));
  return (
    <>
      <PageHeader
        title={t("groups.new")}
        crumbs={[
          { href: "/systems", label: t("systems.title") },
          { href: `/systems/${system}`, label: system },
          { href: `/systems/${system}/applications/${app}`, label: app },
        ]}
      />
      {!a.can.write ? (
        <p className="card text-sm">{t("common.readOnly")}</p>
      ) : dataCentres.length === 0 ? (
        <p className="card text-sm">{t("fleet.noDataCentres")}</p>
      ) : (
        <GroupForm system={system} application={app} dataCentres={dataCentres} policy={policy} />
      )}
    </>
  );
}
