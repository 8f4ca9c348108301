"use client";
// The ops section of the dashboard, kept live: it starts from the server's render and asks
// GET /api/v1/nodes/dashboard again every OPS_POLL_MS (and on window focus), as nodes turn NotReady or
// clusters stop answering while the page is open.
import type { OpsDashboard } from "@capstan/domain";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { NodeStatusBadge } from "@/components/nodes/node-status";
import { Time } from "@/components/ui/time";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { Card, ClusterList, Role, rows } from "./dashboard-parts";

/** How often an open dashboard refreshes the ops section. */
export const OPS_POLL_MS = 15_000;

/**
 * Nodes NotReady or stuck, recent drains and (`clusters`) clusters not healthy, from `initial` and then
 * refreshed. A platform admin reads cluster health in Platform health, so the page leaves it out here for
 * them (docs/dashboards.md).
 */
export function OpsSection({ initial, clusters }: { initial: OpsDashboard; clusters: boolean }) {
  const t = useT();
  const { data: d } = useQuery({
    queryKey: ["/api/v1/nodes/dashboard"],
    queryFn: () => apiFetch<OpsDashboard>("/api/v1/nodes/dashboard"),
    initialData: initial,
    refetchInterval: OPS_POLL_MS,
  });
  return (
    <Role id="dash-ops" title={t("dashboard.ops")}>
      <Card id="dash-nodes" title={t("dashboard.nodesAttention")} count={d.nodes.total} empty={d.nodes.total ? null : t("dashboard.noNodes")}>
        <p className="text-sm text-slate-600">{t("dashboard.nodeCounts", { notReady: d.nodes.notReady, stuck: d.nodes.stuck })}</p>
        <ul className={rows}>
          {d.nodes.items.map((n) => (
            <li key={`${n.cluster}/${n.name}`} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
              <Link className="link" href={`/nodes/${n.cluster}/${n.name}`}>
                {n.name}
              </Link>
              <span className="flex items-center gap-2 text-xs text-slate-600">
                {n.ready ? null : t("dashboard.notReady")} <NodeStatusBadge status={n.status} stuck={n.stuckForMs !== null} /> <Time at={n.since} relative />
              </span>
            </li>
          ))}
        </ul>
        <Link className="link text-sm" href="/nodes/overview">
          {t("dashboard.fleetOverview")} →
        </Link>
      </Card>
      <Card id="dash-drains" title={t("dashboard.recentDrains")} empty={d.recentDrains.length ? null : t("dashboard.noDrains")}>
        <ul className={rows}>
          {d.recentDrains.map((x) => (
            <li key={`${x.cluster}/${x.node}@${x.at}`} className="space-y-0.5 py-1.5">
              <div className="flex justify-between gap-2">
                <Link className="link" href={`/nodes/${x.cluster}/${x.node}`}>
                  {x.node}
                </Link>
                <span className="text-xs">{t(`nodes.${x.result}`)}</span>
              </div>
              <div className="text-xs text-slate-500">
                {x.reason ? `${x.reason} · ` : ""}
                <Time at={x.at} relative />
              </div>
            </li>
          ))}
        </ul>
      </Card>
      {clusters ? (
        <Card
          id="dash-clusters"
          title={t("dashboard.unhealthyClusters")}
          count={d.unhealthyClusters.length}
          empty={d.unhealthyClusters.length ? null : t("dashboard.noUnhealthyClusters")}
        >
          <ClusterList clusters={d.unhealthyClusters} t={t} />
        </Card>
      ) : null}
    </Role>
  );
}
