"use client";
// The fleet overview's tables (docs/nodes.md), all on the portal's one data table: the status and capacity
// pivots (row headers, a cluster's zones under it, sortable by each figure) and the lists of nodes needing
// attention and of recent transitions.
import { type FleetOverviewSchema, NODE_STATUSES, readableMemory } from "@capstan/domain";
import Link from "next/link";
import type { z } from "zod";
import { useT } from "@/lib/client/i18n";
import type { Translate } from "@/messages";
import { percentOf, RequestedBar, StatusBar } from "@/components/nodes/fleet-charts";
import { NodeStatusBadge } from "@/components/nodes/node-status";
import { amountText } from "@/components/quotas/amounts";
import { type Column, Table } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";

type Overview = z.infer<typeof FleetOverviewSchema>;
type Counts = Omit<Overview["total"], "capacity" | "attention">;
/** A row of the status pivot: a cluster (its zones as sub-rows) or one of its zones. */
type StatusRow = Counts & { name: string; key: string; zones?: StatusRow[] };

/** Node counts per cluster and, under each, per zone: a bar split by status, then each count; every figure sorts. */
export function StatusPivot({ clusters }: { clusters: Overview["clusters"] }) {
  const t = useT();
  const rows: StatusRow[] = clusters.map((c) => ({
    ...c,
    name: `${c.dataCentre} · ${c.cluster}`,
    key: c.cluster,
    zones: c.zones.map((z) => ({ ...z, name: `${t("overview.zone")} ${z.zone}`, key: `${c.cluster}/${z.zone}` })),
  }));
  const figure = (id: string, header: string, value: (r: StatusRow) => number, alert?: string): Column<StatusRow> => ({
    id,
    header,
    accessorFn: value,
    cell: ({ row: { original: r } }) => <span className={`tabular-nums ${alert && value(r) ? alert : ""}`}>{value(r)}</span>,
  });
  return (
    <Table
      label={t("overview.byStatus")}
      rows={rows}
      rowKey={(r) => r.key}
      subRows={(r) => r.zones}
      rowHeader
      columns={[
        { id: "name", header: t("nodes.cluster"), accessorFn: (r) => r.name },
        {
          id: "bar",
          header: "",
          cell: ({ row: { original: r } }) => (
            <span className="block min-w-32">
              <StatusBar counts={r.byStatus} label={NODE_STATUSES.map((s) => `${t(`nodes.${s}`)} ${r.byStatus[s]}`).join(", ")} />
            </span>
          ),
        },
        ...NODE_STATUSES.map((s) => figure(s, t(`nodes.${s}`), (r) => r.byStatus[s])),
        figure("nodes", t("overview.total"), (r) => r.nodes),
        figure("notReady", t("overview.notReady"), (r) => r.notReady, "text-rose-700"),
        figure("stuck", t("overview.stuck"), (r) => r.stuck, "text-amber-700"),
      ]}
    />
  );
}

type Capacity = Overview["total"]["capacity"];
type Resource = keyof Capacity;

/** An amount of `r` as the portal writes amounts (quotas/amounts.ts): cores, binary units, counts. */
function amount(t: Translate, r: Resource, n: number): string {
  if (r === "cpu") return amountText(t, "cpuMillis", n);
  if (r === "memory") return readableMemory(n);
  return t("quotas.gpuCount", { count: n });
}

/** One resource's cell: a bar of requested against allocatable, and the figures in words. */
function CapacityCell({ r, c }: { r: Resource; c: Capacity }) {
  const t = useT();
  const v = c[r];
  const label = t("overview.requestedOf", {
    requested: amount(t, r, v.requested),
    allocatable: amount(t, r, v.allocatable),
    capacity: amount(t, r, v.capacity),
    percent: percentOf(v.requested, v.allocatable),
  });
  return (
    <span className="block min-w-48">
      <RequestedBar requested={v.requested} allocatable={v.allocatable} label={label} />
      <span className="text-xs text-slate-600">{label}</span>
    </span>
  );
}

/**
 * Requested against allocatable and capacity per cluster or per zone (`rows`, each named), with the fleet's
 * `total` as the footer when given. A resource's column sorts by the share of allocatable requested.
 */
export function CapacityTable({
  label,
  nameHeader,
  rows,
  total,
}: {
  label: string;
  nameHeader: string;
  rows: { name: string; capacity: Capacity }[];
  total?: Capacity;
}) {
  const t = useT();
  const resources: [Resource, string][] = [
    ["cpu", t("overview.cpu")],
    ["memory", t("overview.memory")],
    ["gpu", t("overview.gpu")],
  ];
  return (
    <Table
      label={label}
      rows={rows}
      rowKey={(r) => r.name}
      rowHeader
      columns={[
        { id: "name", header: nameHeader, accessorFn: (r) => r.name, ...(total ? { footer: t("overview.total") } : {}) },
        ...resources.map(
          ([r, header]): Column<{ name: string; capacity: Capacity }> => ({
            id: r,
            header,
            accessorFn: (row) => (row.capacity[r].allocatable ? row.capacity[r].requested / row.capacity[r].allocatable : 0),
            cell: ({ row: { original: row } }) => <CapacityCell r={r} c={row.capacity} />,
            ...(total ? { footer: () => <CapacityCell r={r} c={total} /> } : {}),
          }),
        ),
      ]}
    />
  );
}
/** A node needing attention, with how long it has been in its state, as the server worded it. */
export type AttentionRow = Overview["attention"][number] & { inStateFor: string };

/** Nodes needing attention (stuck or not Ready), worst first as the server sorted them. */
export function AttentionTable({ rows }: { rows: AttentionRow[] }) {
  const t = useT();
  return (
    <Table
      rows={rows}
      rowKey={(a) => `${a.cluster}/${a.name}`}
      columns={[
        {
          id: "node",
          header: t("overview.node"),
          cell: ({ row: { original: a } }) => (
            <Link className="link" href={`/nodes/${a.cluster}/${a.name}`}>
              {a.name}
            </Link>
          ),
        },
        { id: "cluster", header: t("nodes.cluster"), cell: ({ row: { original: a } }) => `${a.dataCentre} · ${a.cluster} · ${a.zone}` },
        { id: "status", header: t("nodes.status"), cell: ({ row: { original: a } }) => <NodeStatusBadge status={a.status} stuck={a.stuckForMs !== null} /> },
        {
          id: "ready",
          header: t("nodes.ready"),
          cell: ({ row: { original: a } }) => <span className={a.ready ? "" : "text-rose-700"}>{a.ready ? t("nodes.ready") : t("nodes.notReady")}</span>,
        },
        { id: "inStateFor", header: t("overview.inStateFor"), cell: ({ row: { original: a } }) => <span className="tabular-nums">{a.inStateFor}</span> },
        {
          id: "lastTransition",
          header: t("overview.lastTransition"),
          cell: ({ row: { original: a } }) =>
            a.lastTransition ? (
              <span className="text-slate-600">
                <Time at={a.lastTransition.at} /> · {a.lastTransition.by ?? t("nodes.system")} · {a.lastTransition.reason}
              </span>
            ) : (
              "—"
            ),
        },
      ]}
    />
  );
}

/** The fleet's latest node status transitions, newest first. */
export function RecentTransitionsTable({ rows }: { rows: Overview["recentTransitions"] }) {
  const t = useT();
  return (
    <Table
      rows={rows}
      // Two transitions of a node may share an instant: the position is the key, as the list is fixed.
      rowKey={(_r, i) => String(i)}
      columns={[
        {
          id: "at",
          header: t("overview.at"),
          cell: ({ row: { original: r } }) => (
            <span className="whitespace-nowrap">
              <Time at={r.at} />
            </span>
          ),
        },
        {
          id: "node",
          header: t("overview.node"),
          cell: ({ row: { original: r } }) => (
            <Link className="link" href={`/nodes/${r.cluster}/${r.node}`}>
              {r.cluster}/{r.node}
            </Link>
          ),
        },
        { id: "from", header: t("nodes.from"), cell: ({ row: { original: r } }) => (r.from ? t(`nodes.${r.from}`) : "—") },
        { id: "to", header: t("nodes.to"), cell: ({ row: { original: r } }) => t(`nodes.${r.to}`) },
        { id: "by", header: t("nodes.by"), cell: ({ row: { original: r } }) => r.by ?? t("nodes.system") },
        { id: "reason", header: t("nodes.reason"), cell: ({ row: { original: r } }) => r.reason },
        { id: "result", header: t("nodes.result"), cell: ({ row: { original: r } }) => t(`nodes.${r.result}`) },
      ]}
    />
  );
}
