import { getGroup, listGroupRevisions } from "@capstan/usecases";
import { GroupDetail } from "@/components/groups/group-detail";
import { LogViewer } from "@/components/logs/log-viewer";
import { GroupMetrics } from "@/components/metrics/group-metrics";
import { EventsTimeline } from "@/components/events/events-timeline";
import { AppliedManifests } from "@/components/manifests/applied-manifests";
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
      <LogViewer url={`/api/v1/systems/${system}/applications/${app}/groups/${group}`} group={group} />
      <GroupMetrics url={`/api/v1/systems/${system}/applications/${app}/groups/${group}`} />
      <div className="mt-6 space-y-6">
        <EventsTimeline endpoint={`/api/v1/systems/${system}/applications/${app}/groups/${group}/events`} />
        <AppliedManifests endpoint={`/api/v1/systems/${system}/applications/${app}/groups/${group}/manifests`} />
      </div>
    </>
  );
}
