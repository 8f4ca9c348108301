import { getDepartment, listDepartmentMembers, listSystems } from "@capstan/usecases";
import { DeleteButton } from "@/components/ui/delete-button";
import { DepartmentMembers } from "@/components/departments/department-members";
import { DepartmentForm } from "@/components/departments/department-form";
import { EditToggle } from "@/components/ui/edit-toggle";
import { PageHeader } from "@/components/shell/page-header";
import { NewButton } from "@/components/ui/new-button";
import { SystemsTable } from "@/components/systems/systems-table";
import { load, pageContext, pageTranslator } from "@/lib/server/context";

export default async function DepartmentPage({ params }: { params: Promise<{ department: string }> }) {
  const [ctx, t, { department: name }] = await Promise.all([pageContext(), pageTranslator(), params]);
  const d = await load(getDepartment(ctx, name));
  const [systems, members] = await Promise.all([listSystems(ctx, { department: name }), listDepartmentMembers(ctx, name)]);
  const view = (
    <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
      <dt className="text-slate-500">{t("common.displayName")}</dt>
      <dd>{d.displayName}</dd>
      <dt className="text-slate-500">{t("common.description")}</dt>
      <dd className="whitespace-pre-wrap">{d.description || "—"}</dd>
    </dl>
  );
  return (
    <>
      <PageHeader
        title={d.name}
        crumbs={[{ href: "/departments", label: t("departments.title") }]}
        actions={
          <>
            {d.can.manageSystems ? <NewButton href="/systems/new" label={t("systems.new")} /> : null}
            {d.can.manage ? <DeleteButton name={d.name} url={`/api/v1/departments/${d.name}`} after="/departments" /> : null}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        {d.can.manage ? <EditToggle view={view} form={<DepartmentForm department={d} />} /> : <div className="card">{view}</div>}
        <DepartmentMembers department={d.name} initial={members} canManage={d.can.manageSystems} />
      </div>
      <h2 className="text-lg font-semibold">{t("departments.systems")}</h2>
      <SystemsTable initial={systems} initialQ="" department={name} />
    </>
  );
}
