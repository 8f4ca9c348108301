"use client";
// A timeline of Kubernetes events (Normal and Warning) for a group, a node or a load balancer, newest first, in pages,
// refreshed every five seconds while the page is open; a filter keeps one type (docs/events.md).
import type { ClusterEventDto } from "@capstan/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { type Column, DataTable, type Page } from "@/components/ui/paged-list";
import { Time } from "@/components/ui/time";

const TYPES = ["", "Normal", "Warning"] as const;

/** `endpoint`: the events list of a group, a node or a balancer (…/events); `help`: a line under the title saying whose events they are. */
export function EventsTimeline({ endpoint, help }: { endpoint: string; help?: string }) {
  const t = useT();
  const [type, setType] = useState<(typeof TYPES)[number]>("");
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: [endpoint, type, page],
    queryFn: () => apiFetch<Page<ClusterEventDto>>(`${endpoint}?${new URLSearchParams({ page: String(page), pageSize: "20", ...(type ? { type } : {}) })}`),
    placeholderData: keepPreviousData,
    refetchInterval: 5000,
  });
  const columns: Column<ClusterEventDto>[] = [
    { header: t("events.lastSeen"), cell: ({ row: { original: e } }) => <Time at={e.lastAt} relative /> },
    {
      header: t("events.type"),
      cell: ({ row: { original: e } }) => (
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${e.type === "Warning" ? "bg-amber-100 text-amber-800" : "bg-slate-100 text-slate-700"}`}>
          {e.type === "Warning" ? t("events.Warning") : t("events.Normal")}
        </span>
      ),
    },
    { header: t("events.reason"), cell: ({ row: { original: e } }) => `${e.reason}${e.count > 1 ? ` ×${e.count}` : ""}` },
    { header: t("events.object"), cell: ({ row: { original: e } }) => <span className="font-mono text-xs">{`${e.involved.kind}/${e.involved.name}`}</span> },
    {
      header: t("events.message"),
      cell: ({ row: { original: e } }) => <span className={`block max-w-xl text-xs ${e.type === "Warning" ? "text-red-700" : ""}`}>{e.message}</span>,
    },
    { header: t("events.firstSeen"), cell: ({ row: { original: e } }) => <Time at={e.firstAt} relative /> },
  ];
  return (
    <section className="space-y-2" aria-labelledby="events-timeline">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="events-timeline" className="text-lg font-semibold">
          {t("events.title")}
        </h2>
        <label className="flex items-center gap-2 text-sm">
          {t("events.show")}
          <select
            className="input w-auto"
            value={type}
            onChange={(e) => {
              setType(e.target.value as (typeof TYPES)[number]);
              setPage(1);
            }}
          >
            {TYPES.map((v) => (
              <option key={v} value={v}>
                {v ? t(`events.${v}`) : t("events.all")}
              </option>
            ))}
          </select>
        </label>
      </div>
      {help ? <p className="text-xs text-slate-500">{help}</p> : null}
      <DataTable
        query={query}
        columns={columns}
        rowKey={(e) => `${e.involved.kind}/${e.involved.name}/${e.reason}/${e.firstAt}/${e.message}`}
        search=""
        onPage={setPage}
        empty={t("events.none")}
        filtered={type !== ""}
      />
    </section>
  );
}
