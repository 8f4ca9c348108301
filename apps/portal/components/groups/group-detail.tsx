"use client";
// A group, live: status, rollout progress and pods refresh every two seconds while the page is open;
// changes go through the REST API (group-actions.tsx, group-revisions.tsx).
import { useQuery } from "@tanstack/react-query";
import type { ApiPage, GroupDetail as GroupDetailData, GroupRevisionDto } from "@capstan/domain";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { GroupActions } from "@/components/groups/group-actions";
import { GroupAutoscaling } from "@/components/groups/group-autoscaling";
import { Digest } from "@/components/ui/digest";
import { GroupPhase } from "@/components/groups/group-phase";
import { GroupRevisions } from "@/components/groups/group-revisions";
import { Table } from "@/components/ui/paged-list";
import { reconcileReasonText } from "@/components/ui/reconcile-failure";
import { RolloutProgress } from "@/components/groups/rollout-progress";
import { PodTerminal } from "@/components/terminal/pod-terminal";
import { Time } from "@/components/ui/time";

export function GroupDetail({ initial, revisions }: { initial: GroupDetailData; revisions: ApiPage<GroupRevisionDto> }) {
  const t = useT();
  const url = `/api/v1/systems/${initial.system}/applications/${initial.application}/groups/${initial.name}`;
  const { data: g } = useQuery({ queryKey: [url], queryFn: () => apiFetch<GroupDetailData>(url), initialData: initial, refetchInterval: 2000 });
  const facts: [string, React.ReactNode][] = [
    [t("groups.phase"), <GroupPhase key="p" phase={g.phase} />],
    [t("groups.ready"), `${g.readyReplicas}/${g.replicas}`],
    [t("groups.image"), <code key="i">{g.imageTag}</code>],
    [t("groups.imageDigest"), <Digest key="d" digest={g.imageDigest} />],
    [t("groups.follow"), g.follow ? <code key="f">{g.follow.branch}</code> : "—"],
    [t("groups.dataCentre"), `${g.dataCentre} · ${g.cluster}`],
    [t("groups.cpu"), `${g.cpu} · ${t(`groups.${g.cpuMode}`)}`],
    [t("groups.memory"), g.memory],
    [t("groups.zone"), `${g.zone}${g.resourceLabels.length ? ` · ${g.resourceLabels.join(", ")}` : ""}`],
    [
      t("groups.revision"),
      `${g.revision} · ${t("groups.generation")} ${g.observedGeneration}/${g.generation}${g.observedGeneration < g.generation ? ` (${t("groups.pendingApply")})` : ""}`,
    ],
    ...(g.restartedAt ? [[t("groups.lastRestart"), <Time key="r" at={g.restartedAt} />] as [string, React.ReactNode]] : []),
  ];
  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <dl className="card grid grid-cols-[9rem_1fr] gap-x-4 gap-y-2 text-sm" aria-live="polite">
          {facts.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
          {g.lastError ? <dd className="col-span-2 text-red-700">{g.lastError}</dd> : null}
          {g.lastErrorReason && g.lastErrorAt ? (
            <dd className="col-span-2 text-xs text-red-700">
              {t("common.reconcileFailure", { reason: reconcileReasonText(t, g.lastErrorReason), attempts: g.failedAttempts })} <Time at={g.lastErrorAt} />
            </dd>
          ) : null}
        </dl>
        {g.can.write && !g.deleting ? <GroupActions url={url} group={g} /> : null}
      </div>
      <RolloutProgress group={g} livePods={g.pods.filter((p) => p.phase !== "Terminating").length} />
      <GroupAutoscaling url={url} group={g} canWrite={g.can.write && !g.deleting} />
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">
          {t("groups.pods")} ({g.pods.length})
        </h2>
        {g.pods.length === 0 ? (
          <p className="card text-sm text-slate-600">{t("groups.noPods")}</p>
        ) : (
          <Table
            rows={g.pods}
            rowKey={(p) => p.name}
            columns={[
              { header: t("groups.pod"), cell: ({ row: { original: p } }) => <span className="font-mono text-xs">{p.name}</span> },
              { header: t("groups.phase"), cell: ({ row: { original: p } }) => p.phase },
              { header: t("groups.ready"), cell: ({ row: { original: p } }) => (p.ready ? "✓" : "—") },
              { header: t("groups.node"), cell: ({ row: { original: p } }) => <span className="font-mono text-xs">{p.node ?? "—"}</span> },
              { header: t("groups.ip"), cell: ({ row: { original: p } }) => <span className="font-mono text-xs">{p.ip ?? "—"}</span> },
              { header: t("groups.restarts"), cell: ({ row: { original: p } }) => p.restarts },
              {
                header: t("groups.why"),
                cell: ({ row: { original: p } }) => (
                  <span className="block max-w-md text-xs text-red-700">{p.reason ? `${p.reason}: ${p.message ?? ""}` : ""}</span>
                ),
              },
            ]}
          />
        )}
      </section>
      {g.can.write && !g.deleting ? <PodTerminal url={url} pods={g.pods} /> : null}
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("groups.warnings")}</h2>
        {g.events.length === 0 ? (
          <p className="card text-sm text-slate-600">{t("groups.noWarnings")}</p>
        ) : (
          <Table
            rows={g.events}
            rowKey={(e) => `${e.kind}/${e.name}/${e.reason}/${e.lastAt}`}
            columns={[
              {
                header: t("groups.lastSeen"),
                cell: ({ row: { original: e } }) => <Time at={e.lastAt} relative />,
              },
              { header: t("groups.object"), cell: ({ row: { original: e } }) => <span className="font-mono text-xs">{`${e.kind}/${e.name}`}</span> },
              { header: t("groups.reason"), cell: ({ row: { original: e } }) => `${e.reason}${e.count > 1 ? ` ×${e.count}` : ""}` },
              { header: t("groups.message"), cell: ({ row: { original: e } }) => <span className="block max-w-xl text-xs text-red-700">{e.message}</span> },
            ]}
          />
        )}
      </section>
      <GroupRevisions url={url} name={g.name} revision={g.revision} canRollBack={g.can.write && !g.deleting} initial={revisions} />
    </div>
  );
}
