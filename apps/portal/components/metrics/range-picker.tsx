"use client";
import { METRIC_RANGES, type MetricRange } from "@capstan/domain";
import { useT } from "@/lib/client/i18n";

/** The ranges a usage chart offers, as a group of toggle buttons. */
export function RangePicker({ value, onChange }: { value: MetricRange; onChange: (r: MetricRange) => void }) {
  const t = useT();
  return (
    <div role="group" aria-label={t("metrics.range")} className="inline-flex overflow-hidden rounded border border-slate-300 text-sm">
      {METRIC_RANGES.map((r) => (
        <button
          key={r}
          type="button"
          aria-pressed={r === value}
          onClick={() => onChange(r)}
          className={`px-2 py-1 ${r === value ? "bg-indigo-600 text-white" : "hover:bg-slate-100"}`}
        >
          {t(`metrics.ranges.${r}`)}
        </button>
      ))}
    </div>
  );
}
