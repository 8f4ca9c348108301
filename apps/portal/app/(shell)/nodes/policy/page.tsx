import { canOperateFleet, canSetNodePolicy } from "@capstan/domain";
import { getLabelPolicy, getNodeInitChecks } from "@capstan/usecases";
import { InitChecksEditor } from "@/components/nodes/init-checks-editor";
import { LabelPolicyEditor } from "@/components/nodes/label-policy-editor";
import { PageHeader } from "@/components/shell/page-header";
import { pageContext, pageTranslator } from "@/lib/server/context";

/** Everyone signed in reads the label policy (groups are placed by it); fleet operators also see the init checks. */
export default async function NodePolicyPage() {
  const [ctx, t] = await Promise.all([pageContext(), pageTranslator()]);
  const canEdit = canSetNodePolicy(ctx.actor);
  const [policy, checks] = await Promise.all([getLabelPolicy(ctx), canOperateFleet(ctx.actor) ? getNodeInitChecks(ctx) : null]);
  return (
    <>
      <PageHeader title={t("policy.title")} crumbs={[{ href: "/nodes", label: t("nodes.title") }]} />
      {canEdit ? null : <p className="text-sm text-slate-600">{t("policy.readOnly")}</p>}
      <LabelPolicyEditor initial={policy} canEdit={canEdit} />
      {checks ? <InitChecksEditor initial={checks} canEdit={canEdit} /> : null}
    </>
  );
}
