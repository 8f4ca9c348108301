import { auditScope } from "@capstan/domain";
import { listAuditEvents, listDepartments } from "@capstan/usecases";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/shell/page-header";
import { pageContext, pageTranslator } from "@/lib/server/context";
import { NotAllowed } from "@/components/shell/not-allowed";

export default async function AuditPage() {
  const [ctx, t] = await Promise.all([pageContext(), pageTranslator()]);
  const scope = auditScope(ctx.actor);
  if (scope === "none") return <NotAllowed title={t("audit.title")} />;
  const [initial, departments] = await Promise.all([listAuditEvents(ctx, {}), listDepartments(ctx, { pageSize: "100" })]);
  const choices = scope === "all" ? departments.items : departments.items.filter((d) => d.canManageSystems);
  return (
    <>
      <PageHeader title={t("audit.title")} />
      <AuditTable initial={initial} departments={choices} />
    </>
  );
}
