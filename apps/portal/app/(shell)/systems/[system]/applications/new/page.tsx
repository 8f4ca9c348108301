import { getSystem } from "@capstan/usecases";
import { ApplicationForm } from "@/components/applications/application-form";
import { PageHeader } from "@/components/shell/page-header";
import { load, pageContext, pageTranslator } from "@/lib/server/context";

export default async function NewApplicationPage({ params }: { params: Promise<{ system: string }> }) {
  const [ctx, t, { system: name }] = await Promise.all([pageContext(), pageTranslator(), params]);
  const system = await load(getSystem(ctx, name));
  return (
    <>
      <PageHeader
        title={t("applications.new")}
        crumbs={[
          { href: "/systems", label: t("systems.title") },
          { href: `/systems/${name}`, label: name },
        ]}
      />
      {system.can.write ? <ApplicationForm system={name} /> : <p className="card text-sm">{t("common.readOnly")}</p>}
    </>
  );
}
