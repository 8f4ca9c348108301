"use client";
// A node's CPU and memory in use over time, against what it can allocate and what its pods request.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { METRIC_RANGE_PLAN, type MetricRange, type NodeMetricsDto } from "@capstan/domain";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { RangePicker } from "@/components/metrics/range-picker";
import { ScrapeNote } from "@/components/metrics/scrape-note";
import { SourcesNote } from "@/components/metrics/sources-note";
import { latest, UsageChart } from "@/components/metrics/usage-chart";
import { MetricsState } from "@/components/metrics/metrics-state";

export function NodeMetrics({ cluster, node }: { cluster: string; node: string }) {
  const t = useT();
  const [range, setRange] = useState<MetricRange>("1h");
  const url = `/api/v1/nodes/${encodeURIComponent(cluster)}/${encodeURIComponent(node)}/metrics?range=${range}`;
  const query = useQuery({ queryKey: [url], queryFn: () => apiFetch<NodeMetricsDto>(url), refetchInterval: 15_000 });
  const short = METRIC_RANGE_PLAN[range].ms <= 86_400_000;
  return (
    <section className="card space-y-3" aria-busy={query.isPending}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold">{t("metrics.nodeTitle")}</h2>
        <RangePicker value={range} onChange={setRange} />
      </div>
      <MetricsState query={query}>
        {(data) => (
          <>
            <ScrapeNote scrape={data.scrape} />
            <SourcesNote stepSeconds={data.stepSeconds} sources={data.sources} />
            {!data.cpuMillis.some((v) => v !== null) ? (
              <p className="text-sm text-slate-600">{t("metrics.empty")}</p>
            ) : (
              <div className="grid gap-4 xl:grid-cols-2">
                {(
                  [
                    ["cpu", data.cpuMillis, data.allocatable.cpuMillis, data.requested.cpuMillis, "m"],
                    ["memory", data.memoryMiB, data.allocatable.memoryMiB, data.requested.memoryMiB, "MiB"],
                  ] as const
                ).map(([kind, values, allocatable, requested, unit]) => (
                  <div key={kind} className="space-y-1">
                    <h3 className="text-sm font-medium">{t(`metrics.${kind}`)}</h3>
                    <UsageChart
                      label={t("metrics.nodeSummary", { used: Math.round(latest(values) ?? 0), requested, allocatable, unit })}
                      times={data.times}
                      series={[{ name: t("metrics.used"), values }]}
                      references={[
                        { label: t("metrics.requested"), value: requested, colour: "#64748b" },
                        { label: t("metrics.allocatable"), value: allocatable, colour: "#dc2626" },
                      ]}
                      unit={unit}
                      short={short}
                    />
                  </div>
                ))}
              </div>
            )}
          </>
        )}
      </MetricsState>
    </section>
  );
}
