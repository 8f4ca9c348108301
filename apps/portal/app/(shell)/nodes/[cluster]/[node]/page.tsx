import { canOperateFleet, isKubernetesLabel, readableMemory } from "@capstan/domain";
import { getNode } from "@capstan/usecases";
import { NodeLabelsEditor, NodeTransitions } from "@/components/nodes/node-actions";
import { NodeStatusBadge } from "@/components/nodes/node-status";
import { NodeMetrics } from "@/components/metrics/node-metrics";
import { EventsTimeline } from "@/components/events/events-timeline";
import { NodeConditionsTable, NodeHistoryTable, NodePodsTable } from "@/components/nodes/node-tables";
import { PageHeader } from "@/components/shell/page-header";
import { ReconcileFailure, ReconcileFailures, reconcileReasonText } from "@/components/ui/reconcile-failure";
import { Time } from "@/components/ui/time";
import { load, pageContext, pageLocale, pageTranslator } from "@/lib/server/context";
import { renderInitCheck } from "@/messages/reasons";
import { NotAllowed } from "@/components/shell/not-allowed";

export default async function NodePage({ params }: { params: Promise<{ cluster: string; node: string }> }) {
  const [ctx, t, locale, { cluster, node: name }] = await Promise.all([pageContext(), pageTranslator(), pageLocale(), params]);
  const crumbs = [{ href: "/nodes", label: t("nodes.title") }];
  if (!canOperateFleet(ctx.actor)) return <NotAllowed title={name} crumbs={crumbs} />;
  const n = await load(getNode(ctx, cluster, name));
  const kubernetesLabels = Object.entries(n.labels).filter(([k]) => isKubernetesLabel(k));
  return (
    <>
      <PageHeader title={n.name} crumbs={crumbs} actions={<NodeTransitions node={n} />} />
      <ReconcileFailures title={t("nodes.notApplied")}>
        {n.lastError
          ? [
              <ReconcileFailure
                key="node"
                failure={n}
                summary={t("common.reconcileFailure", { reason: reconcileReasonText(t, n.lastErrorReason), attempts: n.failedAttempts })}
              />,
            ]
          : []}
      </ReconcileFailures>
      <div className="card">
        <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-slate-500">{t("nodes.status")}</dt>
          <dd>
            <NodeStatusBadge status={n.status} stuck={n.stuckForMs !== null} />{" "}
            <span className="text-slate-500">
              {t("nodes.since")} <Time at={n.statusChangedAt} />
            </span>
          </dd>
          <dt className="text-slate-500">{t("nodes.cluster")}</dt>
          <dd>
            {n.dataCentre} · {n.cluster}
          </dd>
          <dt className="text-slate-500">{t("nodes.ready")}</dt>
          <dd>
            {n.ready ? t("nodes.ready") : t("nodes.notReady")}
            {n.unschedulable ? ` · ${t("nodes.cordoned")}` : ""}
          </dd>
          <dt className="text-slate-500">{t("nodes.kubelet")}</dt>
          <dd>{n.kubeletVersion ?? "—"}</dd>
          <dt className="text-slate-500">{t("nodes.internalIp")}</dt>
          <dd className="font-mono text-xs">{n.internalIp ?? "—"}</dd>
          <dt className="text-slate-500">{t("nodes.cpu")}</dt>
          <dd>
            {(n.cpuMillis.free / 1000).toFixed(1)} / {(n.cpuMillis.allocatable / 1000).toFixed(1)}
          </dd>
          <dt className="text-slate-500">{t("nodes.memory")}</dt>
          <dd>
            {readableMemory(n.memoryMiB.free)} / {readableMemory(n.memoryMiB.allocatable)}
          </dd>
          <dt className="text-slate-500">{t("nodes.pods")}</dt>
          <dd>
            {n.podCapacity.count} / {n.podCapacity.allocatable}
          </dd>
        </dl>
      </div>

      {n.status === "INIT" ? (
        <section className="card space-y-2">
          <h2 className="font-semibold">{t("nodes.checks")}</h2>
          {n.checkResults ? (
            <ul className="space-y-1 text-sm">
              {n.checkResults.map((c) => (
                <li key={c.check} className={c.ok ? "text-emerald-800" : "text-red-800"}>
                  {c.ok ? "✓" : "✗"} {renderInitCheck(locale, c)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">{t("nodes.checksPending")}</p>
          )}
        </section>
      ) : null}

      <section className="grid gap-4 md:grid-cols-2">
        <div className="card space-y-3">
          <h2 className="font-semibold">{t("nodes.labels")}</h2>
          <NodeLabelsEditor node={n} />
          <h3 className="text-sm font-medium text-slate-600">{t("nodes.kubernetesLabels")}</h3>
          <ul className="font-mono text-xs">
            {kubernetesLabels.map(([k, v]) => (
              <li key={k}>
                {k}={v}
              </li>
            ))}
          </ul>
        </div>
        <div className="card space-y-3">
          <h2 className="font-semibold">{t("nodes.taints")}</h2>
          {n.taints.length ? (
            <ul className="font-mono text-xs">
              {n.taints.map((x) => (
                <li key={`${x.key}:${x.effect}`}>
                  {x.key}
                  {x.value ? `=${x.value}` : ""}:{x.effect}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">{t("nodes.noTaints")}</p>
          )}
          <h2 className="font-semibold">{t("nodes.conditions")}</h2>
          <NodeConditionsTable conditions={n.conditions} />
        </div>
      </section>

      <NodeMetrics cluster={cluster} node={name} />

      <section className="card space-y-2">
        <h2 className="font-semibold">{t("nodes.pods")}</h2>
        {n.pods.length ? <NodePodsTable pods={n.pods} /> : <p className="text-sm text-slate-600">{t("nodes.noPods")}</p>}
      </section>

      <section className="card space-y-2">
        <h2 className="font-semibold">{t("nodes.history")}</h2>
        <NodeHistoryTable transitions={n.transitions} />
      </section>
      <EventsTimeline endpoint={`/api/v1/nodes/${cluster}/${name}/events`} />
    </>
  );
}
