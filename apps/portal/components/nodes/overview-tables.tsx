"use client";
// The fleet overview's lists (docs/nodes.md): nodes needing attention and recent transitions, on the
// portal's one data table. The status and capacity matrices above them stay plain: they are pivots with
// row headers, not lists.
import type { FleetOverviewSchema } from "@capstan/domain";
import Link from "next/link";
import type { z } from "zod";
import { useT } from "@/lib/client/i18n";
import { NodeStatusBadge } from "@/components/nodes/node-status";
import { Table } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";

type Overview = z.infer<typeof FleetOverviewSchema>;
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
