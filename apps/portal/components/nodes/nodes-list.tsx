"use client";
// The fleet's nodes: server-side filters, sort, search and keyset pages; selection (or every node
// matching the filters) moved to another status by a background job whose progress shows live.
import { NODE_STATUSES, type NodeStatus, readableMemory } from "@capstan/domain";
import { type ApiPage, NODE_SORTS, type NodeDto } from "@capstan/domain";
import Link from "next/link";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { BulkProgress } from "@/components/nodes/bulk-progress";
import { NodeStatusBadge } from "@/components/nodes/node-status";
import { SelectFilter } from "@/components/ui/filters";
import { DataTable, SearchBox, usePagedList } from "@/components/ui/paged-list";
import { TransitionDialog } from "@/components/nodes/transition-dialog";

const FILTERS = ["status", "cluster", "zone", "label", "minFreeCpu", "minFreeMemory"] as const;
type Filters = Partial<Record<(typeof FILTERS)[number] | "sort" | "order", string>>;
const nodeKey = (n: { cluster: string; name: string }) => `${n.cluster}/${n.name}`;
const cores = (m: number) => `${(m / 1000).toFixed(1)}`;

/**
 * The fleet's nodes with their filters (kept in the URL; clusters and zones chosen from `clusters` and the
 * label policy's `zones`), sort and keyset pages, and moves of a selection or of every match.
 */
export function NodesList({
  initial,
  initialQ,
  initialFilters,
  clusters,
  zones,
}: {
  initial: ApiPage<NodeDto>;
  initialQ: string;
  initialFilters: Filters;
  clusters: string[];
  zones: string[];
}) {
  const t = useT();
  const [filters, setFilters] = useState<Filters>(initialFilters);
  const list = usePagedList<NodeDto>({ endpoint: "/api/v1/nodes", initial, initialQ, filters, refetchMs: 5000 });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [to, setTo] = useState<NodeStatus>("ONLINE");
  const [bulkId, setBulkId] = useState<string | null>(null);
  const items = list.query.data?.items ?? [];
  const total = list.query.data?.total ?? 0;
  const set = (k: keyof Filters, v: string) => setFilters((f) => ({ ...f, [k]: v || undefined }));
  const toggle = (keys: string[], on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      for (const k of keys)
        if (on) next.add(k);
        else next.delete(k);
      return next;
    });
  const bulk = (body: object) => apiFetch<{ id: string }>("/api/v1/nodes/transitions", { method: "POST", body });
  const { q, ...filter } = { q: list.search || undefined, ...Object.fromEntries(FILTERS.flatMap((k) => (filters[k] ? [[k, filters[k]]] : []))) };
  const text = (k: (typeof FILTERS)[number], label: string, placeholder = "") => (
    <label className="space-y-1 text-sm">
      <span className="block text-slate-600">{label}</span>
      <input className="input w-36" value={filters[k] ?? ""} placeholder={placeholder} onChange={(e) => set(k, e.target.value)} />
    </label>
  );

  return (
    <section className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <SearchBox value={list.q} onChange={list.onSearch} />
        <label className="space-y-1 text-sm">
          <span className="block text-slate-600">{t("nodes.status")}</span>
          <select className="input" value={filters.status ?? ""} onChange={(e) => set("status", e.target.value)}>
            <option value="">{t("nodes.allStatuses")}</option>
            {NODE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`nodes.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <SelectFilter
          label={t("nodes.cluster")}
          all={t("nodes.allClusters")}
          value={filters.cluster}
          onChange={(v) => set("cluster", v)}
          options={clusters.map((c) => ({ value: c, label: c }))}
        />
        <SelectFilter
          label={t("nodes.zone")}
          all={t("nodes.allZones")}
          value={filters.zone}
          onChange={(v) => set("zone", v)}
          options={zones.map((z) => ({ value: z, label: z }))}
        />
        {text("label", t("nodes.label"), "res.ssd=true")}
        {text("minFreeCpu", t("nodes.minFreeCpu"), "2")}
        {text("minFreeMemory", t("nodes.minFreeMemory"), "4Gi")}
        <label className="space-y-1 text-sm">
          <span className="block text-slate-600">{t("nodes.sort")}</span>
          <select className="input" value={filters.sort ?? "name"} onChange={(e) => set("sort", e.target.value)}>
            {NODE_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`nodes.sort${s[0]!.toUpperCase()}${s.slice(1)}` as "nodes.sortName")}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={filters.order === "desc"} onChange={(e) => set("order", e.target.checked ? "desc" : "")} />
          {t("nodes.descending")}
        </label>
      </div>

      <div className="card flex flex-wrap items-end gap-3 text-sm">
        <span>{t("nodes.selected", { count: selected.size })}</span>
        <label className="space-y-1">
          <span className="block text-slate-600">{t("nodes.moveTo")}</span>
          <select className="input" value={to} onChange={(e) => setTo(e.target.value as NodeStatus)}>
            {NODE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`nodes.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <TransitionDialog
          label={t("nodes.applySelected")}
          title={t("nodes.confirmTitle", { count: selected.size, to: t(`nodes.${to}`) })}
          to={to}
          count={selected.size}
          disabled={selected.size === 0}
          onConfirm={(input) =>
            bulk({
              to,
              ...input,
              nodes: [...selected].map((k) => {
                const [cluster, name] = k.split("/");
                return { cluster, name };
              }),
            })
          }
          onDone={(r) => (setBulkId((r as { id: string }).id), setSelected(new Set()))}
        />
        <TransitionDialog
          label={t("nodes.applyMatching", { total })}
          title={t("nodes.confirmTitle", { count: total, to: t(`nodes.${to}`) })}
          to={to}
          count={total}
          disabled={total === 0}
          onConfirm={(input) => bulk({ to, ...input, filter: { ...filter, ...(q ? { q } : {}) } })}
          onDone={(r) => setBulkId((r as { id: string }).id)}
        />
      </div>
      {bulkId ? <BulkProgress id={bulkId} /> : null}

      <DataTable
        query={list.query}
        search={list.search}
        onPage={list.setPage}
        rowKey={nodeKey}
        filtered={FILTERS.some((k) => filters[k])}
        // The nodes API sorts by `sort` and `order` (not "-field"): a header click sets both.
        sort={`${filters.order === "desc" ? "-" : ""}${filters.sort ?? "name"}`}
        onSort={(s) => setFilters((f) => ({ ...f, sort: s.replace(/^-/, ""), order: s.startsWith("-") ? "desc" : undefined }))}
        empty={t("nodes.none")}
        columns={[
          {
            header: t("nodes.selectPage"),
            cell: ({ row: { original: n } }) => (
              <input
                type="checkbox"
                aria-label={t("nodes.select", { name: n.name })}
                checked={selected.has(nodeKey(n))}
                onChange={(e) => toggle([nodeKey(n)], e.target.checked)}
              />
            ),
          },
          {
            id: "name",
            accessorFn: (n) => n.name,
            header: t("common.name"),
            cell: ({ row: { original: n } }) => (
              <Link className="link font-medium" href={`/nodes/${n.cluster}/${n.name}`}>
                {n.name}
              </Link>
            ),
          },
          { header: t("nodes.cluster"), cell: ({ row: { original: n } }) => `${n.dataCentre} · ${n.cluster}` },
          {
            id: "status",
            accessorFn: (n) => n.status,
            header: t("nodes.status"),
            cell: ({ row: { original: n } }) => <NodeStatusBadge status={n.status} stuck={n.stuckForMs !== null} />,
          },
          {
            header: t("nodes.ready"),
            cell: ({ row: { original: n } }) => `${n.ready ? t("nodes.ready") : t("nodes.notReady")}${n.unschedulable ? ` · ${t("nodes.cordoned")}` : ""}`,
          },
          { header: t("nodes.zone"), cell: ({ row: { original: n } }) => n.zone },
          {
            id: "freeCpu",
            accessorFn: (n) => n.cpuMillis.free,
            header: t("nodes.cpu"),
            cell: ({ row: { original: n } }) => `${cores(n.cpuMillis.free)} / ${cores(n.cpuMillis.allocatable)}`,
          },
          {
            id: "freeMemory",
            accessorFn: (n) => n.memoryMiB.free,
            header: t("nodes.memory"),
            cell: ({ row: { original: n } }) => `${readableMemory(n.memoryMiB.free)} / ${readableMemory(n.memoryMiB.allocatable)}`,
          },
          {
            id: "podCount",
            accessorFn: (n) => n.podCapacity.count,
            header: t("nodes.pods"),
            cell: ({ row: { original: n } }) => `${n.podCapacity.count} / ${n.podCapacity.allocatable}`,
          },
        ]}
      />
      {items.length ? (
        <button type="button" className="link text-sm" onClick={() => toggle(items.map(nodeKey), !items.every((n) => selected.has(nodeKey(n))))}>
          {t("nodes.selectPage")}
        </button>
      ) : null}
    </section>
  );
}
