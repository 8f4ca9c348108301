"use client";
// The fleet's density on the fleet overview (docs/metrics.md, "Fleet density"): per cluster or per zone, CPU
// and memory used against requested against allocatable, as stacked bars sorted by what requests hold unused
// (requested − used, "idle requests"), the worst called out; the same figures as a table for keyboard and
// screen-reader users. Refreshed every minute (the figures are five-minute means).
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { type FleetDensityDto, readableMemory } from "@capstan/domain";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import type { Translate } from "@/messages";
import { type By, type DensityRow, densityRows, type Resource } from "@/components/metrics/density-rows";
import { MetricsState } from "@/components/metrics/metrics-state";
import { percentOf } from "@/components/nodes/fleet-charts";
import { amountText } from "@/components/quotas/amounts";
import { type Column, Table } from "@/components/ui/data-table";

const DENSITY_URL = "/api/v1/nodes/overview/density";

/** An amount as the portal writes them (quotas/amounts.ts): millicores below a core, else cores; MiB or GiB. */
const amount = (t: Translate, r: Resource, n: number) => (r === "cpuMillis" ? amountText(t, "cpuMillis", n) : readableMemory(n));

/** Bar colours: used (indigo), idle requests (amber: the waste), unrequested allocatable (slate). */
const COLOURS = { used: "#4f46e5", idle: "#d97706", free: "#cbd5e1" } as const;

function DensityChart({ rows, r, label }: { rows: DensityRow[]; r: Resource; label: string }) {
  const t = useT();
  const names = { used: t("density.used"), idle: t("density.idle"), free: t("density.free") };
  return (
    <figure role="img" aria-label={label} style={{ height: 48 + rows.length * 36 }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => amount(t, r, v)} fontSize={12} />
          <YAxis type="category" dataKey="name" width={120} fontSize={12} />
          <Tooltip formatter={(v, name) => [typeof v === "number" ? amount(t, r, v) : "—", name]} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {(["used", "idle", "free"] as const).map((k) => (
            <Bar key={k} dataKey={k} name={names[k]} stackId="a" fill={COLOURS[k]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

function DensityTable({ rows, r, label, nameHeader }: { rows: DensityRow[]; r: Resource; label: string; nameHeader: string }) {
  const t = useT();
  const figure = (id: keyof DensityRow, header: string): Column<DensityRow> => ({
    id,
    header,
    accessorFn: (row) => row[id],
    cell: ({ row: { original } }) => amount(t, r, original[id] as number),
  });
  return (
    <Table
      label={label}
      rows={rows}
      rowKey={(row) => row.name}
      rowHeader
      columns={[
        { id: "name", header: nameHeader, accessorFn: (row) => row.name },
        figure("used", t("density.used")),
        figure("requested", t("density.requested")),
        figure("allocatable", t("density.allocatable")),
        figure("idle", t("density.idle")),
        figure("overhead", t("density.overhead")),
        {
          id: "usedOfRequested",
          header: t("density.usedOfRequested"),
          accessorFn: (row) => (row.requested ? row.used / row.requested : 0),
          cell: ({ row: { original } }) => `${percentOf(original.used, original.requested)} %`,
        },
        {
          id: "measured",
          header: t("density.measured"),
          accessorFn: (row) => row.measured,
          cell: ({ row: { original } }) => t("density.measuredOf", { measured: original.measured, pods: original.pods, nodes: original.nodes }),
        },
      ]}
    />
  );
}

/** The fleet's density: two charts (CPU, memory) per cluster or per zone, each with the worst idle requests called out and a table. */
export function FleetDensity() {
  const t = useT();
  const [by, setBy] = useState<By>("cluster");
  const query = useQuery({ queryKey: [DENSITY_URL], queryFn: () => apiFetch<FleetDensityDto>(DENSITY_URL), refetchInterval: 60_000 });
  const nameHeader = by === "cluster" ? t("density.cluster") : t("density.zone");
  return (
    <section className="card space-y-3 overflow-x-auto" aria-labelledby="density" aria-busy={query.isPending}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="density" className="font-semibold">
          {t("density.title")}
        </h2>
        <div className="flex gap-1" role="group" aria-label={t("density.by")}>
          {(["cluster", "zone"] as const).map((b) => (
            <button key={b} type="button" className={b === by ? "btn-primary" : "btn-secondary"} aria-pressed={b === by} onClick={() => setBy(b)}>
              {b === "cluster" ? t("density.byCluster") : t("density.byZone")}
            </button>
          ))}
        </div>
      </div>
      <MetricsState query={query}>
        {(data) => {
          const minutes = data.windowSeconds / 60;
          if (!data.clusters.some((c) => c.measured > 0)) return <p className="text-sm text-slate-600">{t("density.empty", { minutes })}</p>;
          return (
            <>
              <p className="text-xs text-slate-600">{t("density.note", { minutes })}</p>
              <div className="grid gap-6 xl:grid-cols-2">
                {(["cpuMillis", "memoryMiB"] as const).map((r) => {
                  const rows = densityRows(data, by, r);
                  const worst = rows[0];
                  const title = r === "cpuMillis" ? t("density.cpu") : t("density.memory");
                  const summary = rows
                    .map((row) =>
                      t("density.rowSummary", {
                        name: row.name,
                        used: amount(t, r, row.used),
                        requested: amount(t, r, row.requested),
                        allocatable: amount(t, r, row.allocatable),
                        idle: amount(t, r, row.idle),
                      }),
                    )
                    .join("; ");
                  return (
                    <div key={r} className="space-y-2">
                      <h3 className="text-sm font-medium">{title}</h3>
                      {worst && worst.idle > 0 ? (
                        <p className="text-sm text-amber-800">
                          {t("density.worst", {
                            name: worst.name,
                            idle: amount(t, r, worst.idle),
                            percent: percentOf(worst.idle, worst.requested),
                          })}
                        </p>
                      ) : null}
                      <DensityChart rows={rows} r={r} label={`${title}: ${summary}`} />
                      <details>
                        <summary className="cursor-pointer text-sm">{t("density.asTable")}</summary>
                        <DensityTable rows={rows} r={r} label={title} nameHeader={nameHeader} />
                      </details>
                    </div>
                  );
                })}
              </div>
            </>
          );
        }}
      </MetricsState>
    </section>
  );
}
