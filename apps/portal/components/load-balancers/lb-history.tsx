"use client";
// A balancer's history: its audited changes (created, settings, members and weights, taken out, put back),
// newest first in keyset pages, as sentences, each with the values it changed (historyChanges). A change by anyone (the balancer's version, seen by the
// page's polling) reloads it.
import type { AuditEventDto, LoadBalancerDetail } from "@capstan/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { ActivityItem } from "@/components/audit/activity-item";
import { DataTable, type Page, useCursorPages } from "@/components/ui/paged-list";
import { Time } from "@/components/ui/time";
import { historyChanges } from "./history-changes";

const PAGE_SIZE = 10;

export function LbHistory({ lb, url }: { lb: Pick<LoadBalancerDetail, "version" | "members" | "pods">; url: string }) {
  const t = useT();
  const endpoint = `${url}/history`;
  const { page, cursor, setPage } = useCursorPages(endpoint);
  // Taking out and putting back change no version: the states they set are in the key too.
  const changed = [lb.version, ...lb.members.map((m) => m.state), ...lb.pods.map((p) => p.state)].join();
  const query = useQuery({
    queryKey: [endpoint, page, cursor, changed],
    queryFn: () =>
      apiFetch<Page<AuditEventDto>>(`${endpoint}?${new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) })}`),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="space-y-2" aria-labelledby="lb-history">
      <h2 id="lb-history" className="text-lg font-semibold">
        {t("loadBalancers.historyTitle")}
      </h2>
      <DataTable
        query={query}
        search=""
        onPage={(p) => setPage(p, query.data?.nextCursor)}
        rowKey={(e) => e.id}
        empty={t("loadBalancers.historyNone")}
        columns={[
          { header: t("loadBalancers.when"), cell: ({ row: { original: e } }) => <Time at={e.at} seconds /> },
          { header: t("loadBalancers.who"), cell: ({ row: { original: e } }) => <span title={e.actor}>{e.actorName ?? e.actor}</span> },
          {
            header: t("loadBalancers.what"),
            cell: ({ row: { original: e } }) => {
              const lines = historyChanges(t, e);
              return (
                <>
                  <ActivityItem event={e} />
                  {lines.length ? (
                    <ul className="mt-1 space-y-0.5 text-xs text-slate-600" aria-label={t("loadBalancers.historyChanges")}>
                      {lines.map((l) => (
                        <li key={l}>{l}</li>
                      ))}
                    </ul>
                  ) : null}
                </>
              );
            },
          },
        ]}
      />
    </section>
  );
}
