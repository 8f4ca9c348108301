"use client";
// One resource of a quota as a bar a person reads at a glance: used of limit, amber near the limit,
// red at it. Exposed as a meter to assistive technology.
import { formatMemory, type ResourceName } from "@capstan/domain";
import { useT } from "@/lib/client/i18n";

const LABEL = { cpuMillis: "quotas.cpu", memoryMiB: "quotas.memory", gpu: "quotas.gpu", instances: "quotas.instances" } as const;

export function formatResource(r: ResourceName, n: number): string {
  if (r === "cpuMillis") return `${Number((n / 1000).toFixed(2))}`;
  if (r === "memoryMiB") return formatMemory(n);
  return String(n);
}

/** How full, from 0; above 1 when a quota was lowered below its use. */
export const fullness = (used: number, limit: number) => (limit > 0 ? used / limit : used > 0 ? Infinity : 0);

export function QuotaMeter({ resource, used, limit }: { resource: ResourceName; used: number; limit: number }) {
  const t = useT();
  const share = fullness(used, limit);
  const colour = share >= 1 ? "bg-red-600" : share >= 0.8 ? "bg-amber-500" : "bg-emerald-600";
  const label = t(LABEL[resource]);
  const text = t("quotas.usage", { used: formatResource(resource, used), limit: formatResource(resource, limit) });
  return (
    <div className="min-w-32 space-y-1">
      <div className="flex justify-between gap-2 text-xs text-slate-600">
        <span>{label}</span>
        <span className="tabular-nums">{text}</span>
      </div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={used}
        aria-valuetext={text}
        className="h-2 rounded bg-slate-200"
      >
        <div className={`h-2 rounded ${colour}`} style={{ width: `${Math.min(100, share * 100)}%` }} />
      </div>
    </div>
  );
}
