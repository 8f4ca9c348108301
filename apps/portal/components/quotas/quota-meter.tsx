"use client";
// One resource of a quota as a bar a person reads at a glance: used of limit, amber near the limit,
// red at it. Exposed as a meter to assistive technology. Its label and figures wrap rather than overprint
// when the card is narrow.
import type { ResourceName } from "@capstan/domain";
import { useT } from "@/lib/client/i18n";
import { amountText } from "@/components/quotas/amounts";

const LABEL = { cpuMillis: "quotas.cpu", memoryMiB: "quotas.memory", gpu: "quotas.gpu", instances: "quotas.instances" } as const;

/** How full, from 0; above 1 when a quota was lowered below its use. */
export const fullness = (used: number, limit: number) => (limit > 0 ? used / limit : used > 0 ? Infinity : 0);

export function QuotaMeter({ resource, used, limit }: { resource: ResourceName; used: number; limit: number }) {
  const t = useT();
  const share = fullness(used, limit);
  const colour = share >= 1 ? "bg-red-600" : share >= 0.8 ? "bg-amber-500" : "bg-emerald-600";
  const label = t(LABEL[resource]);
  const text = t("quotas.usage", { used: amountText(t, resource, used), limit: amountText(t, resource, limit) });
  return (
    <div className="min-w-0 space-y-1" data-testid="quota-meter">
      <div className="flex flex-wrap justify-between gap-x-2 text-xs text-slate-600">
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
        className="h-2 overflow-hidden rounded bg-slate-200"
      >
        <div className={`h-2 rounded ${colour}`} style={{ width: `${Math.min(100, share * 100)}%` }} />
      </div>
    </div>
  );
}
