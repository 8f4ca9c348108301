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

/** `url`: the group's API path (…/groups/{group}). */
export function GroupMetrics({ url }: { url: string }) {
  const t = useT();
  const [range, setRange] = useState<MetricRange>("1h");
  const { data, isPending, isError, refetch } = useQuery({
    queryKey: [url, "metrics", range],
    queryFn: () => apiFetch<GroupMetricsDto>(`${url}/metrics?range=${range}`),
    refetchInterval: 15_000,
  });
  const short = METRIC_RANGE_PLAN[range].ms <= 86_400_000;
  const empty = data && !data.pods.some((p) => p.cpuMillis.some((v) => v !== null));
  return (
    <section className="space-y-3" aria-busy={isPending}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">{t("metrics.groupTitle")}</h2>
        <RangePicker value={range} onChange={setRange} />
      </div>
      {isPending ? (
        <p className="text-sm text-slate-600">{t("metrics.loading")}</p>
      ) : isError ? (
        <p className="text-sm text-red-700">
          {t("metrics.failed")}{" "}
          <button type="button" className="underline" onClick={() => void refetch()}>
            {t("metrics.retry")}
          </button>
        </p>
      ) : (
        <>
          <ScrapeNote scrape={data.scrape} />
          {empty ? (
            <p className="card text-sm text-slate-600">{t("metrics.empty")}</p>
          ) : (
            <div className="grid gap-4 xl:grid-cols-2">
              <div className="card space-y-1">
                <h3 className="text-sm font-medium">{t("metrics.cpu")}</h3>
                <UsageChart
                  label={t("metrics.cpuSummary", {
                    pods: data.pods.length,
                    used: Math.round(data.pods.reduce((n, p) => n + (latest(p.cpuMillis) ?? 0), 0)),
                    request: data.requests.cpuMillis,
                    limit: data.limits.cpuMillis,
                  })}
                  times={data.times}
                  series={data.pods.map((p) => ({ name: p.name, values: p.cpuMillis }))}
                  references={[
                    { label: t("metrics.request"), value: data.requests.cpuMillis, colour: "#64748b" },
                    { label: t("metrics.limit"), value: data.limits.cpuMillis, colour: "#dc2626" },
                  ]}
                  unit="m"
                  short={short}
                />
              </div>
              <div className="card space-y-1">
                <h3 className="text-sm font-medium">{t("metrics.memory")}</h3>
                <UsageChart
                  label={t("metrics.memorySummary", {
                    pods: data.pods.length,
                    used: Math.round(data.pods.reduce((n, p) => n + (latest(p.memoryMiB) ?? 0), 0)),
                    request: data.requests.memoryMiB,
                    limit: data.limits.memoryMiB,
                  })}
                  times={data.times}
                  series={data.pods.map((p) => ({ name: p.name, values: p.memoryMiB }))}
                  references={[
                    { label: t("metrics.request"), value: data.requests.memoryMiB, colour: "#64748b" },
                    { label: t("metrics.limit"), value: data.limits.memoryMiB, colour: "#dc2626" },
                  ]}
                  unit="MiB"
                  short={short}
                />
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}
