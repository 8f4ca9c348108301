"use client";
// One usage chart (recharts): a line per series over the range's steps, with dashed reference lines (a
// pod's request and limit, a node's allocatable) named in a key under the chart. Times on the axis and in the tooltip are in the viewer's
// zone (useFormatTime, docs/time.md). The figure's label carries the latest figures for screen readers.
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useFormatTime } from "@/components/ui/time";

/** Colours for series, distinguishable in light and dark themes (Tailwind 600s). */
const PALETTE = ["#4f46e5", "#059669", "#d97706", "#db2777", "#0891b2", "#7c3aed", "#65a30d", "#dc2626", "#2563eb", "#ca8a04"];

export interface Series {
  name: string;
  values: (number | null)[];
}

export interface Reference {
  label: string;
  value: number;
  colour: string;
}

/**
 * `times` are ISO instants (the steps' starts), each series one value per time; `unit` follows every
 * figure ("m", "MiB"); `short` labels ticks with the time of day only (ranges of a day or less).
 */
export function UsageChart({
  label,
  times,
  series,
  references,
  unit,
  short,
}: {
  label: string;
  times: string[];
  series: Series[];
  references: Reference[];
  unit: string;
  short: boolean;
}) {
  const format = useFormatTime();
  const rows = times.map((t, i) => {
    const row: Record<string, number | string | null> = { t };
    for (const s of series) row[s.name] = s.values[i] ?? null;
    return row;
  });
  // "YYYY-MM-DD HH:mm UTC+8": the time of day for short ranges, month-day and time for long ones
  const tick = (t: string) => (short ? format(t).slice(11, 16) : format(t).slice(5, 16));
  const top = Math.max(...references.map((r) => r.value), ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)), 1);
  return (
    <figure role="img" aria-label={label} className="w-full">
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
            <XAxis dataKey="t" tickFormatter={tick} minTickGap={40} fontSize={12} />
            <YAxis domain={[0, Math.ceil(top * 1.1)]} tickFormatter={(v: number) => `${v}${unit}`} width={64} fontSize={12} />
            <Tooltip labelFormatter={(t) => format(String(t))} formatter={(v) => (typeof v === "number" ? `${v}${unit}` : "—")} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {references.map((r) => (
              <ReferenceLine key={r.label} y={r.value} stroke={r.colour} strokeDasharray="6 4" />
            ))}
            {series.map((s, i) => (
              <Line
                key={s.name}
                type="monotone"
                dataKey={s.name}
                stroke={PALETTE[i % PALETTE.length]}
                dot={false}
                isAnimationActive={false}
                connectNulls={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      {/* The reference lines are named here, not beside the lines: a request and a limit of close (for memory,
          equal) values would put their labels on top of each other. */}
      {references.length ? (
        <ul className="flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs" data-testid="chart-references">
          {references.map((r) => (
            <li key={r.label} className="flex items-center gap-1" style={{ color: r.colour }}>
              <svg width="24" height="8" aria-hidden="true">
                <line x1="0" y1="4" x2="24" y2="4" stroke={r.colour} strokeWidth="2" strokeDasharray="6 4" />
              </svg>
              {r.label} {r.value}
              {unit}
            </li>
          ))}
        </ul>
      ) : null}
    </figure>
  );
}

/** The last figure of a series, or null when it has none. */
export const latest = (values: (number | null)[]) => {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i];
  return null;
};
