import { ApplicationGroupListQuery } from "@capstan/domain";
import { getApplication, getApplicationOverview, listBuilds, listGroups, listLoadBalancers } from "@capstan/usecases";
import { BuildsSection } from "@/components/builds/builds-section";
import { WebhookPanel } from "@/components/builds/webhook-panel";
import { ApplicationForm } from "@/components/applications/application-form";
import { ApplicationOverview } from "@/components/applications/application-overview";
import { DeleteButton } from "@/components/ui/delete-button";
import { EditToggle } from "@/components/ui/edit-toggle";
import { GroupsTable } from "@/components/groups/groups-table";
import { ImagesPanel } from "@/components/applications/images-panel";
import { LoadBalancersSection } from "@/components/load-balancers/load-balancers-section";
import { PageHeader } from "@/components/shell/page-header";
import { NewButton } from "@/components/ui/new-button";
import { load, pageContext, pageTranslator } from "@/lib/server/context";
import { listParams, type SearchParams } from "@/lib/server/list-params";

/** How `npm start`'s simulated data centres build (scripts/start.ts sets CAPSTAN_SIMULATED_BUILDS); unset on real clusters. */
const simulatedBuilds = () => {
  const v = process.env.CAPSTAN_SIMULATED_BUILDS;
  return v === "buildah" || v === "missing" ? v : undefined;
};

export default async function ApplicationPage({
  params,
  searchParams,
}: {
  params: Promise<{ system: string; app: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const [ctx, t, { system, app }, sp] = await Promise.all([pageContext(), pageTranslator(), params, searchParams]);
  const a = await load(getApplication(ctx, system, app));
  // The groups list's search, page and sort from the URL, as the list keeps them there.
  const { q = "", sort = "", page } = listParams(sp, ApplicationGroupListQuery);
  const groups = await listGroups(ctx, { system, application: app, q, page, ...(sort ? { sort } : {}) });
  const rows: [string, React.ReactNode][] = [
    [t("common.displayName"), a.displayName],
    [t("applications.system"), a.system],
    [t("applications.runtime"), a.runtime],
    [t("applications.port"), `${a.protocol} ${a.port}`],
    [t("applications.healthCheckPath"), a.healthCheckPath ?? "—"],
    [t("applications.gitRepository"), a.gitRepository ?? "—"],
    [t("applications.gitBranch"), a.gitBranch],
    [t("applications.dockerfilePath"), a.dockerfilePath],
    [t("applications.buildCommand"), a.buildCommand ?? "—"],
    [t("applications.groups"), a.groupCount],
    [t("common.description"), a.description || "—"],
  ];
  const view = (
    <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="break-all">{v}</dd>
        </div>
      ))}
    </dl>
  );
  return (
    <>
      <PageHeader
        title={a.name}
        crumbs={[
          { href: "/systems", label: t("systems.title") },
          { href: `/systems/${system}`, label: system },
        ]}
        actions={
          a.can.write ? (
            <>
              <NewButton href={`/systems/${system}/applications/${a.name}/groups/new`} label={t("groups.new")} />
              <DeleteButton name={a.name} url={`/api/v1/systems/${system}/applications/${a.name}`} after={`/systems/${system}`} />
            </>
          ) : null
        }
      />
      <ApplicationOverview initial={await getApplicationOverview(ctx, system, app)} />
      <h2 className="text-lg font-semibold">{t("groups.title")}</h2>
      <GroupsTable initial={groups} initialQ={q} initialSort={sort} system={system} application={a.name} />
      <LoadBalancersSection
        system={system}
        application={a.name}
        canWrite={a.can.write}
        initial={await listLoadBalancers(ctx, system, app, { pageSize: "100" })}
      />
      <ImagesPanel system={system} application={a.name} canWrite={a.can.write} />
      <BuildsSection
        system={system}
        application={a.name}
        repository={a.gitRepository}
        branch={a.gitBranch}
        canBuild={a.can.write}
        simulatedBuilds={simulatedBuilds()}
        initial={await listBuilds(ctx, system, app, {})}
      />
      {a.can.write ? <WebhookPanel system={system} application={a.name} hasSecret={a.hasWebhookSecret} /> : null}
      {a.can.write ? <EditToggle view={view} form={<ApplicationForm system={system} application={a} />} /> : <div className="card">{view}</div>}
    </>
  );
}
