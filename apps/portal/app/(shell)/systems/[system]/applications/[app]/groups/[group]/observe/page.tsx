import { getGroup } from "@capstan/usecases";
import { EventsTimeline } from "@/components/events/events-timeline";
import { LogViewer } from "@/components/logs/log-viewer";
import { AppliedManifests } from "@/components/manifests/applied-manifests";
import { GroupMetrics } from "@/components/metrics/group-metrics";
import { PageHeader } from "@/components/shell/page-header";
import { load, pageContext, pageTranslator } from "@/lib/server/context";

/** A group's logs, usage history, events and what Capstan applied (issue 17), one page beside the group's own. */
export default async function GroupObservePage({ params }: { params: Promise<{ system: string; app: string; group: string }> }) {
  const [ctx, t, { system, app, group }] = await Promise.all([pageContext(), pageTranslator(), params]);
  const g = await load(getGroup(ctx, system, app, group));
  const api = `/api/v1/systems/${system}/applications/${app}/groups/${group}`;
  return (
    <>
      <PageHeader
        title={t("groups.observeTitle", { group: g.name })}
        crumbs={[
          { href: "/systems", label: t("systems.title") },
          { href: `/systems/${system}`, label: system },
          { href: `/systems/${system}/applications/${app}`, label: app },
          { href: `/systems/${system}/applications/${app}/groups/${group}`, label: g.name },
        ]}
      />
      <div className="space-y-6">
        <LogViewer url={api} group={group} />
        <GroupMetrics url={api} autoscaling={g.autoscaling} />
        <EventsTimeline endpoint={`${api}/events`} />
        <AppliedManifests endpoint={`${api}/manifests`} />
      </div>
    </>
  );
}
