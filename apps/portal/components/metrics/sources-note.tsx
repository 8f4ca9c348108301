"use client";
// Which stored resolution a chart shows (docs/metrics.md "Resolution by range"): the range's own where it is
// rolled up, the finer points not yet rolled up after it, so a long range of a new group is not empty and the
// reader knows its last steps are averaged from finer figures.
import type { GroupMetricsDto } from "@capstan/domain";
import { useT } from "@/lib/client/i18n";
import { useFormatTime } from "@/components/ui/time";

/** "15 s", "1 min", "5 min", "1 h", "3 h": a duration in seconds as the metrics' texts name it. */
function useDuration(): (seconds: number) => string {
  const t = useT();
  return (s) => (s % 3600 === 0 ? t("metrics.hours", { n: s / 3600 }) : s % 60 === 0 ? t("metrics.minutes", { n: s / 60 }) : t("metrics.seconds", { n: s }));
}

/** The step of the chart's points and the resolutions they were averaged from, with the time each covers. */
export function SourcesNote({ stepSeconds, sources }: Pick<GroupMetricsDto, "stepSeconds" | "sources">) {
  const t = useT();
  const format = useFormatTime();
  const duration = useDuration();
  const parts = sources.map((s, i) =>
    sources.length === 1
      ? t("metrics.sourceAll", { resolution: duration(s.resolution) })
      : i === sources.length - 1
        ? t("metrics.sourceSince", { resolution: duration(s.resolution), since: format(s.from) })
        : t("metrics.sourceUntil", { resolution: duration(s.resolution), until: format(s.to) }),
  );
  return (
    <p className="text-xs text-slate-500" data-testid="metrics-sources">
      {t("metrics.sources", { step: duration(stepSeconds), sources: parts.join(t("metrics.sourceSeparator")) })}
    </p>
  );
}
