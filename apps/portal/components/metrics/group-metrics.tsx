"use client";
// A group's CPU and memory per pod over time against each pod's request and limit (docs/metrics.md),
// refreshed every 15 s (the scrape interval) while the page is open.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { METRIC_RANGE_PLAN, type GroupMetricsDto, type MetricRange } from "@capstan/domain";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { RangePicker } from "@/components/metrics/range-picker";
import { ScrapeNote } from "@/components/metrics/scrape-note";
import { latest, UsageChart } from "@/components/metrics/usage-chart";
import { MetricsState } from "@/components/metrics/metrics-state";

/** `url`: the group's API path (…/groups/{group}). */
export function GroupMetrics({ url }: { url: string }) {
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
              </div>
            )}
          </>
        )}
      </MetricsState>
    </section>
  );
}
