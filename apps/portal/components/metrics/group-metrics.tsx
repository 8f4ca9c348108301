"use client";
// A group's CPU and memory per pod over time against each pod's request and limit (docs/metrics.md),
// refreshed every 15 s (the scrape interval) while the page is open.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { type Autoscaling, METRIC_RANGE_PLAN, type GroupMetricsDto, type MetricRange, replicaHistory } from "@capstan/domain";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { RangePicker } from "@/components/metrics/range-picker";
import { ScrapeNote } from "@/components/metrics/scrape-note";
import { SourcesNote } from "@/components/metrics/sources-note";
import { latest, UsageChart } from "@/components/metrics/usage-chart";
import { MetricsState } from "@/components/metrics/metrics-state";

/**
 * `url`: the group's API path (…/groups/{group}); `autoscaling`: the group's, when it autoscales: then its
 * replicas over time (min and max marked) beside the pods' CPU utilisation against the target.
 */
export function GroupMetrics({ url, autoscaling }: { url: string; autoscaling?: Autoscaling | null }) {
  const t = useT();
  const [range, setRange] = useState<MetricRange>("1h");
  const query = useQuery({
    queryKey: [url, "metrics", range],
    queryFn: () => apiFetch<GroupMetricsDto>(`${url}/metrics?range=${range}`),
    refetchInterval: 15_000,
  });
  const short = METRIC_RANGE_PLAN[range].ms <= 86_400_000;
  return (
    <section className="space-y-3" aria-busy={query.isPending}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">{t("metrics.groupTitle")}</h2>
        <RangePicker value={range} onChange={setRange} />
      </div>
      <MetricsState query={query}>
        {(data) => (
          <>
            <ScrapeNote scrape={data.scrape} />
            <SourcesNote stepSeconds={data.stepSeconds} sources={data.sources} />
            {!data.pods.some((p) => p.cpuMillis.some((v) => v !== null)) ? (
              <p className="card text-sm text-slate-600">{t("metrics.empty")}</p>
            ) : (
              <div className="grid gap-4 xl:grid-cols-2">
                {(["cpuMillis", "memoryMiB"] as const).map((key) => (
                  <div key={key} className="card space-y-1">
                    <h3 className="text-sm font-medium">{t(key === "cpuMillis" ? "metrics.cpu" : "metrics.memory")}</h3>
                    <UsageChart
                      label={t(key === "cpuMillis" ? "metrics.cpuSummary" : "metrics.memorySummary", {
                        pods: data.pods.length,
                        used: Math.round(data.pods.reduce((n, p) => n + (latest(p[key]) ?? 0), 0)),
                        request: data.requests[key],
                        limit: data.limits[key],
                      })}
                      times={data.times}
                      series={data.pods.map((p) => ({ name: p.name, values: p[key] }))}
                      references={[
                        { label: t("metrics.request"), value: data.requests[key], colour: "#64748b" },
                        { label: t("metrics.limit"), value: data.limits[key], colour: "#dc2626" },
                      ]}
                      unit={key === "cpuMillis" ? "m" : "MiB"}
                      short={short}
                    />
                  </div>
                ))}
                {autoscaling ? <AutoscalingCharts data={data} autoscaling={autoscaling} short={short} /> : null}
              </div>
            )}
          </>
        )}
      </MetricsState>
    </section>
  );
}

/**
 * Replicas over time beside the load that moved them: the pods' average utilisation of each resource the
 * autoscaler targets (CPU, memory or both), against its target.
 */
function AutoscalingCharts({ data, autoscaling: a, short }: { data: GroupMetricsDto; autoscaling: Autoscaling; short: boolean }) {
  const t = useT();
  const { replicas, utilisation } = replicaHistory(data.pods, data.times.length, data.requests, a);
  return (
    <>
      <div className="card space-y-1">
        <h3 className="text-sm font-medium">{t("metrics.replicas")}</h3>
        <UsageChart
          label={t("metrics.replicasSummary", { now: latest(replicas) ?? "—", min: a.minReplicas, max: a.maxReplicas })}
          times={data.times}
          series={[{ name: t("metrics.replicas"), values: replicas }]}
          references={[
            { label: t("autoscaling.min"), value: a.minReplicas, colour: "#64748b" },
            { label: t("autoscaling.max"), value: a.maxReplicas, colour: "#dc2626" },
          ]}
          unit=""
          short={short}
        />
      </div>
      {utilisation.map((u) => (
        <div key={u.metric} className="card space-y-1">
          <h3 className="text-sm font-medium">{t(`metrics.${u.metric}Utilisation`)}</h3>
          <UsageChart
            label={t(`metrics.${u.metric}UtilisationSummary`, { now: latest(u.values) ?? "—", target: u.target })}
            times={data.times}
            series={[{ name: t(`metrics.${u.metric}Utilisation`), values: u.values }]}
            references={[{ label: t("metrics.target"), value: u.target, colour: "#059669" }]}
            unit="%"
            short={short}
          />
        </div>
      ))}
    </>
  );
}
