"use client";
// Every pod of a balancer's member groups, with its own state in the balancer: In, or taken out
// (draining, then out) on its own; a pod its group replaced comes back in (a new name has no state).
import type { LoadBalancerDetail } from "@capstan/domain";
import { useMemo } from "react";
import { useT } from "@/lib/client/i18n";
import { type Column, Table } from "@/components/ui/data-table";
import { StateWithDrain } from "./drain";
import { PutBack, TakeOut } from "./take-out";

type MemberPod = LoadBalancerDetail["pods"][number];

export function PodsTable({ lb, url }: { lb: LoadBalancerDetail; url: string }) {
  const t = useT();
  const canWrite = lb.can.write && !lb.deleting;
  const history = `${url}/history`;
  // Each member group's state, as a key: the columns change only when one of these does.
  const groupStates = JSON.stringify(Object.fromEntries(lb.members.map((m) => [m.group, m.state])));
  // The table renders each column's cell as a component (flexRender), so new cell functions on every render
  // would remount every cell whenever the polled balancer changes, closing a "Take out" dialog being filled in.
  const columns = useMemo<Column<MemberPod>[]>(() => {
    const states = JSON.parse(groupStates) as Record<string, LoadBalancerDetail["members"][number]["state"]>;
    return [
      { accessorKey: "name", header: t("loadBalancers.pod"), cell: ({ row: { original: p } }) => <span className="font-mono text-xs">{p.name}</span> },
      {
        accessorKey: "group",
        header: t("loadBalancers.group"),
        cell: ({ row: { original: p } }) => <span className="font-mono text-xs">{p.group}</span>,
      },
      { header: t("loadBalancers.ip"), cell: ({ row: { original: p } }) => <span className="font-mono text-xs">{p.ip ?? "—"}</span> },
      { header: t("loadBalancers.podReady"), cell: ({ row: { original: p } }) => (p.ready ? "✓" : "—") },
      {
        accessorKey: "state",
        header: t("loadBalancers.state"),
        cell: ({ row: { original: p } }) => {
          const group = states[p.group] ?? "IN";
          return (
            <span className="inline-flex flex-wrap items-center gap-2">
              <StateWithDrain state={p.state} stateSince={p.stateSince} drainSeconds={p.drainSeconds} />
              {group !== "IN" ? <span className="text-xs text-slate-500">{t("loadBalancers.memberOut", { state: t(`loadBalancers.${group}`) })}</span> : null}
            </span>
          );
        },
      },
      ...(canWrite
        ? [
            {
              id: "actions",
              header: () => <span className="sr-only">{t("common.actions")}</span>,
              cell: ({ row: { original: p } }: { row: { original: MemberPod } }) =>
                p.state === "IN" ? (
                  <TakeOut name={p.name} url={`${url}/pods/${p.name}`} lastIn={false} invalidate={[url, history]} />
                ) : (
                  <PutBack name={p.name} url={`${url}/pods/${p.name}`} invalidate={[url, history]} />
                ),
            },
          ]
        : []),
    ];
  }, [t, canWrite, url, history, groupStates]);
  return (
    <section className="space-y-2" aria-labelledby="lb-pods">
      <h2 id="lb-pods" className="text-lg font-semibold">
        {t("loadBalancers.podsTitle")} ({lb.pods.length})
      </h2>
      <p className="text-xs text-slate-500">{t("loadBalancers.podsHelp")}</p>
      {lb.pods.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("loadBalancers.podsNone")}</p>
      ) : (
        <Table<MemberPod> label={t("loadBalancers.podsTitle")} rows={lb.pods} rowKey={(p) => p.name} columns={columns} />
      )}
    </section>
  );
}
