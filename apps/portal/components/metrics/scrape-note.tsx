"use client";
import type { GroupMetricsDto } from "@capstan/domain";
import { useT } from "@/lib/client/i18n";
import { reconcileReasonText } from "@/components/ui/reconcile-failure";
import { Time } from "@/components/ui/time";

/** Says when the cluster's last metrics scrape failed (figures stop there), and why. Nothing when scrapes succeed. */
export function ScrapeNote({ scrape }: { scrape: GroupMetricsDto["scrape"] }) {
  const t = useT();
  if (!scrape.lastErrorReason || !scrape.lastErrorAt) return null;
  return (
    <p className="text-sm text-amber-800" role="status">
      {t("metrics.scrapeFailed", { reason: reconcileReasonText(t, scrape.lastErrorReason) })} <Time at={scrape.lastErrorAt} />
    </p>
  );
}
