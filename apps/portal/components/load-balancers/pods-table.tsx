"use client";
// Every pod of a balancer's member groups, with its own state in the balancer: In, or taken out
// (draining, then out) on its own; a pod its group replaced comes back in (a new name has no state).
import type { LoadBalancerDetail } from "@capstan/domain";
import { useT } from "@/lib/client/i18n";
import { Table } from "@/components/ui/data-table";
import { StateWithDrain } from "./drain";
import { PutBack, TakeOut } from "./take-out";

type MemberPod = LoadBalancerDetail["pods"][number];

export function PodsTable({ lb, url }: { lb: LoadBalancerDetail; url: string }) {
  const t = useT();
  const canWrite = lb.can.write && !lb.deleting;
  const history = `${url}/history`;
  const memberState = (group: string) => lb.members.find((m) => m.group === group)?.state ?? "IN";
  return (
    <section className="space-y-2" aria-labelledby="lb-pods">
      <h2 id="lb-pods" className="text-lg font-semibold">
        {t("loadBalancers.podsTitle")} ({lb.pods.length})
      </h2>
      <p className="text-xs text-slate-500">{t("loadBalancers.podsHelp")}</p>
      {lb.pods.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("loadBalancers.podsNone")}</p>
      ) : (
        <Table<MemberPod>
          label={t("loadBalancers.podsTitle")}
          rows={lb.pods}
          rowKey={(p) => p.name}
          columns={[
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
                const group = memberState(p.group);
                return (
                  <span className="inline-flex flex-wrap items-center gap-2">
                    <StateWithDrain state={p.state} stateSince={p.stateSince} drainSeconds={p.drainSeconds} />
                    {group !== "IN" ? (
                      <span className="text-xs text-slate-500">{t("loadBalancers.memberOut", { state: t(`loadBalancers.${group}`) })}</span>
                    ) : null}
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
                        <PutBack url={`${url}/pods/${p.name}`} invalidate={[url, history]} />
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </section>
  );
}
