import { SystemApplicationListQuery } from "@capstan/domain";
import { getSystem, listApplications, listSystemMembers } from "@capstan/usecases";
import Link from "next/link";
import { ApplicationsTable } from "@/components/applications/applications-table";
import { AppliedManifests } from "@/components/manifests/applied-manifests";
import { DeleteButton } from "@/components/ui/delete-button";
import { EditToggle } from "@/components/ui/edit-toggle";
import { MembersPanel } from "@/components/systems/members-panel";
import { RegistryPanel } from "@/components/systems/registry-panel";
import { PageHeader } from "@/components/shell/page-header";
import { NewButton } from "@/components/ui/new-button";
import { ReconcileFailure, ReconcileFailures, reconcileReasonText } from "@/components/ui/reconcile-failure";
import { SystemForm } from "@/components/systems/system-form";
import { load, pageContext, pageTranslator } from "@/lib/server/context";
import { listParams, type SearchParams } from "@/lib/server/list-params";

export default async function SystemPage({ params, searchParams }: { params: Promise<{ system: string }>; searchParams: Promise<SearchParams> }) {
  const [ctx, t, { system: name }, sp] = await Promise.all([pageContext(), pageTranslator(), params, searchParams]);
  const system = await load(getSystem(ctx, name));
  const failing = system.reconcileFailures;
  const { q = "", sort = "", page } = listParams(sp, SystemApplicationListQuery);
  const [apps, members] = await Promise.all([listApplications(ctx, { system: name, q, page, ...(sort ? { sort } : {}) }), listSystemMembers(ctx, name)]);
  const details = (
    <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
      <dt className="text-slate-500">{t("common.displayName")}</dt>
      <dd>{system.displayName}</dd>
      <dt className="text-slate-500">{t("common.department")}</dt>
      <dd>
        <Link className="link" href={`/departments/${system.department}`}>
          {system.department}
        </Link>
      </dd>
      <dt className="text-slate-500">{t("systems.isolation")}</dt>
      <dd>{t(`systems.${system.isolation}`)}</dd>
      <dt className="text-slate-500">{t("common.description")}</dt>
      <dd className="whitespace-pre-wrap">{system.description || "—"}</dd>
    </dl>
  );
  return (
    <>
      <PageHeader
        title={system.name}
        crumbs={[{ href: "/systems", label: t("systems.title") }]}
        actions={
          <>
            {system.can.write ? <NewButton href={`/systems/${name}/applications/new`} label={t("systems.newApplication")} /> : null}
            {system.can.manage ? <DeleteButton name={name} url={`/api/v1/systems/${name}`} after="/systems" /> : null}
          </>
        }
      />
      <ReconcileFailures title={t("systems.notInPlace")}>
        {[
          ...failing.namespaces.map((f) => ({ key: `ns:${f.cluster}`, where: t("systems.namespaceIn", { cluster: f.cluster }), f })),
          ...failing.projects.map((f) => ({ key: `project:${f.dataCentre}`, where: t("systems.projectIn", { dataCentre: f.dataCentre }), f })),
        ].map(({ key, where, f }) => (
          <ReconcileFailure
            key={key}
            where={where}
            failure={f}
            summary={t("common.reconcileFailure", { reason: reconcileReasonText(t, f.lastErrorReason), attempts: f.failedAttempts })}
          />
        ))}
      </ReconcileFailures>
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        {system.can.manage ? <EditToggle view={details} form={<SystemForm system={system} />} /> : <div className="card">{details}</div>}
        <MembersPanel system={name} initial={members} canManage={system.can.manage} />
      </div>
      <RegistryPanel system={name} canWrite={system.can.write} />
      <h2 className="text-lg font-semibold">{t("systems.applications")}</h2>
      <ApplicationsTable system={name} initial={apps} initialQ={q} initialSort={sort} />
      <AppliedManifests endpoint={`/api/v1/systems/${name}/manifests`} />
    </>
  );
}
