"use client";
// What the balancer's data planes report now (GET …/stats), asked every 3 s while the page is open: per
// backend pod its state, weight, sessions and health; per LB pod whether it answered. A balancer whose
// pods run without a data plane says so instead of asking.
import type { LoadBalancerDetail, LoadBalancerStats } from "@capstan/domain";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-client";
import { useErrorText, useLocale, useT } from "@/lib/client/i18n";
import { Table } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";

type Backend = LoadBalancerStats["backends"][number];

/** How often the stats are asked for, in ms (the issue asks for 2–5 s). */
export const STATS_INTERVAL_MS = 3000;

const STATE_COLOURS: Record<Backend["state"], string> = {
  up: "bg-emerald-100 text-emerald-800",
  down: "bg-red-100 text-red-800",
  draining: "bg-amber-100 text-amber-800",
  out: "bg-slate-200 text-slate-700",
};

export function LiveStats({ lb, url }: { lb: LoadBalancerDetail; url: string }) {
  const t = useT();
  const errorText = useErrorText();
  // Counts grouped as the chosen language groups them, not as the browser's locale does.
  const number = new Intl.NumberFormat(useLocale());
  const count = (n: number | null) => (n === null ? "—" : number.format(n));
  const live = lb.dataPlane && !lb.deleting;
  const stats = useQuery({
    queryKey: [`${url}/stats`],
    queryFn: () => apiFetch<LoadBalancerStats>(`${url}/stats`),
    refetchInterval: STATS_INTERVAL_MS,
    enabled: live,
  });
  const s = stats.data;
  return (
    <section className="space-y-2" aria-labelledby="lb-stats">
      <h2 id="lb-stats" className="text-lg font-semibold">
        {t("loadBalancers.statsTitle")}
      </h2>
      {!lb.dataPlane ? (
        <p role="status" className="card border-amber-300 bg-amber-50 text-sm text-amber-900">
          {t("loadBalancers.dataPlaneMissing")}
        </p>
      ) : !live ? null : stats.isError && !s ? (
        <div role="alert" className="card flex items-center justify-between text-sm text-red-800">
          {t("common.loadFailed", { message: errorText(stats.error) })}
          <button type="button" className="btn-secondary" onClick={() => stats.refetch()}>
            {t("common.retry")}
          </button>
        </div>
      ) : !s ? (
        <p className="card animate-pulse text-sm text-slate-500" aria-busy="true">
          {t("loadBalancers.statsLoading")}
        </p>
      ) : (
        <div className="space-y-3" aria-busy={stats.isFetching}>
          <p className="text-xs text-slate-500">
            {t("loadBalancers.statsHelp")} <Time at={s.at} seconds />
          </p>
          <div className="card space-y-1 text-sm">
            <h3 className="text-xs font-semibold text-slate-500">{t("loadBalancers.dataPlanes")}</h3>
            <ul className="space-y-1">
              {s.dataPlanes.map((d) => (
                <li key={d.pod} className="flex flex-wrap gap-x-3">
                  <span className="font-mono text-xs">{d.pod}</span>
                  <span className="font-mono text-xs text-slate-500">{d.ip ?? "—"}</span>
                  {d.reachable ? (
                    <span className="text-emerald-800">{t("loadBalancers.dataPlaneReachable")}</span>
                  ) : (
                    <span className="text-red-700">{t(`loadBalancers.dataPlaneErrors.${d.errorReason ?? "unreachable"}`, { error: d.error ?? "—" })}</span>
                  )}
                  {d.activeConnections !== null || d.requests !== null ? (
                    <span className="text-slate-600">
                      {t("loadBalancers.nginxCounters", { connections: count(d.activeConnections), requests: count(d.requests) })}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
            {s.kind === "nginx" ? <p className="text-xs text-slate-500">{t("loadBalancers.nginxPerBackend")}</p> : null}
          </div>
          {s.backends.length === 0 ? (
            <p className="card text-sm text-slate-600">{t("loadBalancers.statsNone")}</p>
          ) : (
            <Table<Backend>
              label={t("loadBalancers.statsTitle")}
              rows={s.backends}
              rowKey={(b) => b.pod}
              columns={[
                { accessorKey: "pod", header: t("loadBalancers.pod"), cell: ({ row: { original: b } }) => <span className="font-mono text-xs">{b.pod}</span> },
                {
                  accessorKey: "group",
                  header: t("loadBalancers.group"),
                  cell: ({ row: { original: b } }) => <span className="font-mono text-xs">{b.group}</span>,
                },
                {
                  accessorKey: "state",
                  header: t("loadBalancers.backendState"),
                  cell: ({ row: { original: b } }) => (
                    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATE_COLOURS[b.state]}`}>{t(`loadBalancers.backend_${b.state}`)}</span>
                  ),
                },
                { accessorKey: "weight", header: t("loadBalancers.weight"), cell: ({ row: { original: b } }) => count(b.weight) },
                {
                  accessorKey: "currentSessions",
                  header: t("loadBalancers.currentSessions"),
                  cell: ({ row: { original: b } }) => <span className="tabular-nums">{count(b.currentSessions)}</span>,
                },
                {
                  accessorKey: "totalSessions",
                  header: t("loadBalancers.totalSessions"),
                  cell: ({ row: { original: b } }) => <span className="tabular-nums">{count(b.totalSessions)}</span>,
                },
                { header: t("loadBalancers.health"), cell: ({ row: { original: b } }) => <code className="text-xs">{b.health ?? "—"}</code> },
              ]}
            />
          )}
        </div>
      )}
    </section>
  );
}
