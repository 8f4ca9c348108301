import { listDepartments } from "@capstan/usecases";
import { PageHeader } from "@/components/shell/page-header";
import { SystemForm } from "@/components/systems/system-form";
import { pageContext, pageTranslator } from "@/lib/server/context";

export default async function NewSystemPage() {
  const [ctx, t] = await Promise.all([pageContext(), pageTranslator()]);
  const departments = await listDepartments(ctx, { pageSize: "100" });
  const allowed = departments.items.filter((d) => d.canManageSystems);
  return (
    <>
      <PageHeader title={t("systems.new")} crumbs={[{ href: "/systems", label: t("systems.title") }]} />
      {allowed.length > 0 ? <SystemForm departments={allowed} /> : <p className="card text-sm">{t("common.readOnly")}</p>}
    </>
  );
}
