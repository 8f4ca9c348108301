import { canManageDepartments } from "@capstan/domain";
import { listDepartments } from "@capstan/usecases";
import { DepartmentForm } from "@/components/departments/department-form";
import { DepartmentsTable } from "@/components/departments/departments-table";
import { PageHeader } from "@/components/shell/page-header";
import { NewButton } from "@/components/ui/new-button";
import { pageContext, pageTranslator } from "@/lib/server/context";

export default async function DepartmentsPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const [ctx, t, sp] = await Promise.all([pageContext(), pageTranslator(), searchParams]);
  const initial = await listDepartments(ctx, { q: sp.q || undefined });
  return (
    <>
      <PageHeader title={t("departments.title")} actions={canManageDepartments(ctx.actor) ? <NewButton href="#new" label={t("departments.new")} /> : null} />
      <DepartmentsTable initial={initial} initialQ={sp.q ?? ""} />
      {canManageDepartments(ctx.actor) ? (
        <section id="new" className="scroll-mt-4 space-y-2">
          <h2 className="text-lg font-semibold">{t("departments.new")}</h2>
          <DepartmentForm />
        </section>
      ) : null}
    </>
  );
}
