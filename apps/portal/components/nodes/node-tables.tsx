"use client";
// The node page's tables (docs/nodes.md): its conditions, its pods and its status history, each on the
// portal's one data table. Short lists: sorted here, by a header click, over the rows the page read.
import type { NodeDetail } from "@capstan/domain";
import { useT } from "@/lib/client/i18n";
import { Table } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";

/** The node's conditions as its cluster reports them (Ready, MemoryPressure …). */
export function NodeConditionsTable({ conditions }: { conditions: NodeDetail["conditions"] }) {
  const t = useT();
  return (
    <Table
      label={t("nodes.conditions")}
      rows={conditions}
      rowKey={(c) => c.type}
      columns={[
        { accessorKey: "type", header: t("nodes.condition") },
        { accessorKey: "status", header: t("nodes.status") },
        { id: "message", header: t("nodes.message"), cell: ({ row: { original: c } }) => c.message ?? c.reason ?? "" },
      ]}
    />
  );
}

/** The pods the node runs. */
export function NodePodsTable({ pods }: { pods: NodeDetail["pods"] }) {
  const t = useT();
  return (
    <Table
      label={t("nodes.pods")}
      rows={pods}
      rowKey={(p) => `${p.namespace}/${p.name}`}
      columns={[
        { accessorKey: "namespace", header: t("nodes.namespace") },
        { accessorKey: "name", header: t("common.name") },
        { accessorKey: "phase", header: t("nodes.phase") },
        { id: "ready", header: t("nodes.ready"), cell: ({ row: { original: p } }) => (p.ready ? "✓" : "—") },
        { id: "ip", header: "IP", cell: ({ row: { original: p } }) => <span className="font-mono text-xs">{p.ip ?? "—"}</span> },
      ]}
    />
  );
}

type Transition = NodeDetail["transitions"][number];

/** The node's status transitions, newest first, with what a drain did or what blocked it. */
export function NodeHistoryTable({ transitions }: { transitions: NodeDetail["transitions"] }) {
  const t = useT();
  return (
    <Table
      label={t("nodes.history")}
      rows={transitions}
      rowKey={(x) => x.at + x.to}
      columns={[
        {
          id: "at",
          header: t("audit.at"),
          cell: ({ row: { original: x } }) => (
            <span className="whitespace-nowrap">
              <Time at={x.at} />
            </span>
          ),
        },
        { id: "from", header: t("nodes.from"), cell: ({ row: { original: x } }) => (x.from ? t(`nodes.${x.from}`) : "—") },
        { id: "to", header: t("nodes.to"), cell: ({ row: { original: x } }) => t(`nodes.${x.to}`) },
        { id: "by", header: t("nodes.by"), cell: ({ row: { original: x } }) => x.by ?? t("nodes.system") },
        { id: "reason", header: t("nodes.reason"), cell: ({ row: { original: x } }) => <Reason x={x} /> },
        { id: "result", header: t("nodes.result"), cell: ({ row: { original: x } }) => <Result x={x} /> },
      ]}
    />
  );
}

function Reason({ x }: { x: Transition }) {
  const t = useT();
  return (
    <>
      {x.reason}
      {x.force || x.deleteEmptyDirData ? (
        <p className="text-xs text-amber-800">
          {t("nodes.drainOptions")}:{" "}
          {[x.force ? t("nodes.force") : null, x.deleteEmptyDirData ? t("nodes.deleteEmptyDirData") : null].filter(Boolean).join(" · ")}
        </p>
      ) : null}
    </>
  );
}

function Result({ x }: { x: Transition }) {
  const t = useT();
  return (
    <>
      {t(`nodes.${x.result}`)}
      {x.detail?.error ? <p className="text-xs text-red-800">{x.detail.error}</p> : null}
      {x.detail?.blocked?.length ? (
        <div className="text-xs text-red-800" data-testid="drain-blocked">
          <p>{t("nodes.drainBlocked")}</p>
          <ul>
            {x.detail.blocked.map((b) => (
              <li key={b.pod}>
                {b.pod}: {t(`nodes.block_${b.reason}`)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {x.detail?.evictions?.length ? (
        <ul className="text-xs">
          {x.detail.evictions.map((e) => (
            <li key={e.pod} className={e.evicted ? "" : "text-red-800"}>
              {e.pod}: {e.evicted ? t("nodes.evicted") : `${t("nodes.blocked")} — ${e.reason}`}
              {e.evicted && e.warning ? ` (${t("nodes.evictedAnyway")}: ${t(`nodes.block_${e.warning}`)})` : ""}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
