import { getGroup, listGroupRevisions } from "@capstan/usecases";
import { GroupDetail } from "@/components/groups/group-detail";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { load, pageContext, pageTranslator } from "@/lib/server/context";

export default async function GroupPage({ params }: { params: Promise<{ system: string; app: string; group: string }> }) {
  const [ctx, t, { system, app, group }] = await Promise.all([pageContext(), pageTranslator(), params]);
  const [g, revisions] = await Promise.all([load(getGroup(ctx, system, app, group)), load(listGroupRevisions(ctx, system, app, group, { pageSize: "10" }))]);
  return (
    <>
      <PageHeader
        title={g.name}
        crumbs={[
          { href: "/systems", label: t("systems.title") },
          { href: `/systems/${system}`, label: system },
          { href: `/systems/${system}/applications/${app}`, label: app },
        ]}
      />
      <GroupDetail initial={g} revisions={revisions} />
      <p className="mt-6">
        <Link className="underline" href={`/systems/${system}/applications/${app}/groups/${group}/observe`}>
          {t("groups.observeLink")}
        </Link>
      </p>
    </>
  );
}
