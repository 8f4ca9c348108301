"use client";
// An application's load balancers on its page (docs/load-balancers.md): name, kind, where, pods ready of
// wanted, members (each group's weight and state, and pods taken out), names and status, refreshed every 5 s; "New load balancer" for those who may change the
// application. Balancers per application are few: one page, as large as the server's first (up to 100,
// the API's largest), with no search.
import type { ApiPage, LoadBalancerListItem } from "@capstan/domain";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { DataTable } from "@/components/ui/paged-list";
import { NewButton } from "@/components/ui/new-button";
import { BackendState } from "./drain";
import { algorithmText, LbStatusBadge } from "./status-badge";

export function LoadBalancersSection({
  system,
  application,
  canWrite,
  initial,
}: {
  system: string;
  application: string;
  canWrite: boolean;
  initial: ApiPage<LoadBalancerListItem>;
}) {
  const t = useT();
  const endpoint = `/api/v1/systems/${system}/applications/${application}/load-balancers`;
  const query = useQuery({
    queryKey: [endpoint, "list"],
    queryFn: () => apiFetch<ApiPage<LoadBalancerListItem>>(`${endpoint}?pageSize=${initial.pageSize}`),
    initialData: initial,
    refetchInterval: 5000,
  });
  const base = `/systems/${system}/applications/${application}/load-balancers`;
  return (
    <section aria-labelledby="load-balancers-title" className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h2 id="load-balancers-title" className="text-lg font-semibold">
          {t("loadBalancers.title")}
        </h2>
        {canWrite && query.data.items.length > 0 ? <NewButton href={`${base}/new`} label={t("loadBalancers.new")} /> : null}
      </div>
      <DataTable
        query={query}
        search=""
        onPage={() => undefined}
        rowKey={(lb) => lb.name}
        empty={
          <div className="space-y-2">
            <p>{t("loadBalancers.none")}</p>
            <p className="text-slate-500">{t("loadBalancers.noneHelp")}</p>
            {canWrite ? <NewButton href={`${base}/new`} label={t("loadBalancers.new")} /> : null}
          </div>
        }
        columns={[
          {
            accessorKey: "name",
            header: t("common.name"),
            cell: ({ row: { original: lb } }) => (
              <Link className="link font-medium" href={`${base}/${lb.name}`}>
                {lb.name}
              </Link>
            ),
          },
          {
            accessorKey: "kind",
            header: t("loadBalancers.kind"),
            cell: ({ row: { original: lb } }) => (
              <span className="text-xs">
                {t(`loadBalancers.${lb.kind}`)} · {lb.protocol} {lb.port}
                <span className="block text-slate-500">{algorithmText(t, lb.algorithm)}</span>
              </span>
            ),
          },
          { header: t("loadBalancers.where"), cell: ({ row: { original: lb } }) => `${lb.dataCentre} · ${lb.cluster}` },
          { header: t("loadBalancers.readyWanted"), cell: ({ row: { original: lb } }) => `${lb.readyReplicas}/${lb.replicas}` },
          {
            header: t("loadBalancers.membersTitle"),
            cell: ({ row: { original: lb } }) =>
              lb.members.length ? (
                <ul className="space-y-0.5 text-xs">
                  {lb.members.map((m) => (
                    <li key={m.group} className="flex flex-wrap items-center gap-1.5">
                      <span>{t("loadBalancers.memberWeight", { group: m.group, weight: m.weight })}</span>
                      {m.state === "IN" ? null : <BackendState state={m.state} />}
                    </li>
                  ))}
                  {lb.podsOut ? <li className="text-amber-800">{t("loadBalancers.podsOut", { count: lb.podsOut })}</li> : null}
                </ul>
              ) : (
                "—"
              ),
          },
          {
            header: t("loadBalancers.domains"),
            cell: ({ row: { original: lb } }) =>
              lb.domains.length ? (
                <ul className="font-mono text-xs">
                  {lb.domains.map((d) => (
                    <li key={d.name}>{d.name}</li>
                  ))}
                </ul>
              ) : (
                "—"
              ),
          },
          { header: t("loadBalancers.status"), cell: ({ row: { original: lb } }) => <LbStatusBadge lb={lb} /> },
        ]}
      />
    </section>
  );
}
