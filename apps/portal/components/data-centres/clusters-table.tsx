"use client";
import type { ClusterDto } from "@capstan/domain";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { probeFailureText } from "@/components/data-centres/probe-failure";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { FormError, useApiMutation } from "@/components/ui/form";
import { Table } from "@/components/ui/paged-list";
import { ClusterStatus } from "@/components/ui/status-badge";
import { Time } from "@/components/ui/time";

export function ClustersTable({ clusters, canCheck, canManage }: { clusters: ClusterDto[]; canCheck: boolean; canManage: boolean }) {
  const t = useT();
  const router = useRouter();
  const check = useApiMutation((name: string) => apiFetch(`/api/v1/clusters/${name}/check`, { method: "POST" }), { onSuccess: () => router.refresh() });
  if (clusters.length === 0) return <p className="card text-sm text-slate-600">{t("fleet.noClusters")}</p>;
  return (
    <div className="space-y-2">
      <FormError error={check.error} />
      <Table
        rows={clusters}
        rowKey={(c) => c.name}
        columns={[
          { header: t("common.name"), cell: ({ row: { original: c } }) => <span className="font-medium">{c.name}</span> },
          {
            header: t("fleet.status"),
            cell: ({ row: { original: c } }) => (
              <>
                <ClusterStatus status={c.status} />
                {c.lastError ? <p className="mt-1 max-w-xs text-xs text-red-700">{probeFailureText(t, c)}</p> : null}
              </>
            ),
          },
          { header: t("fleet.kubernetesVersion"), cell: ({ row: { original: c } }) => c.kubernetesVersion ?? "—" },
          { header: t("fleet.nodes"), cell: ({ row: { original: c } }) => c.nodeCount },
          { header: t("fleet.lastContact"), cell: ({ row: { original: c } }) => <Time at={c.lastContactAt} relative empty="—" /> },
          // Only platform roles are given endpoints (clusterFor in the use cases); they are the ones who may check.
          ...(canCheck
            ? [
                {
                  header: t("fleet.endpoint"),
                  cell: ({ row: { original: c } }: { row: { original: ClusterDto } }) => <span className="font-mono text-xs">{c.apiEndpoint}</span>,
                },
              ]
            : []),
          {
            header: t("common.actions"),
            cell: ({ row: { original: c } }) => (
              <span className="space-x-3 whitespace-nowrap">
                {canCheck ? (
                  <button type="button" className="link" onClick={() => check.mutate(c.name)} disabled={check.isPending}>
                    {check.isPending && check.variables === c.name ? t("fleet.checking") : t("fleet.check")}
                  </button>
                ) : null}
                {canManage ? (
                  <ConfirmDelete
                    name={c.name}
                    label={t("common.delete")}
                    onDelete={() => apiFetch(`/api/v1/clusters/${c.name}`, { method: "DELETE" })}
                    onDone={() => router.refresh()}
                  />
                ) : null}
              </span>
            ),
          },
        ]}
      />
    </div>
  );
}
