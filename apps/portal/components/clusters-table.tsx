"use client";
import type { ClusterDto } from "@capstan/usecases";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/client/api-client";
import { useLocale, useT } from "@/lib/client/i18n";
import { ConfirmDelete } from "./confirm-delete";
import { FormError, useApiMutation } from "./form";
import { ClusterStatus } from "./status-badge";

export function ClustersTable({ clusters, canCheck, canManage }: { clusters: ClusterDto[]; canCheck: boolean; canManage: boolean }) {
  const t = useT();
  const locale = useLocale();
  const router = useRouter();
  const fmt = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "medium" });
  const check = useApiMutation((name: string) => apiFetch(`/api/v1/clusters/${name}/check`, { method: "POST" }), { onSuccess: () => router.refresh() });
  if (clusters.length === 0) return <p className="card text-sm text-slate-600">{t("fleet.noClusters")}</p>;
  return (
    <div className="space-y-2">
      <FormError error={check.error} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200">
          <thead className="bg-slate-50">
            <tr>
              {[t("common.name"), t("fleet.status"), t("fleet.kubernetesVersion"), t("fleet.nodes"), t("fleet.lastContact"), t("fleet.endpoint"), t("common.actions")].map((h) => (
                <th key={h} scope="col" className="th">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {clusters.map((c) => (
              <tr key={c.name}>
                <td className="td font-medium">{c.name}</td>
                <td className="td">
                  <ClusterStatus status={c.status} />
                  {c.lastError ? <p className="mt-1 max-w-xs text-xs text-red-700">{c.lastError}</p> : null}
                </td>
                <td className="td">{c.kubernetesVersion ?? "—"}</td>
                <td className="td">{c.nodeCount}</td>
                <td className="td">{c.lastContactAt ? fmt.format(new Date(c.lastContactAt)) : "—"}</td>
                <td className="td font-mono text-xs">{c.apiEndpoint}</td>
                <td className="td space-x-3 whitespace-nowrap">
                  {canCheck ? (
                    <button type="button" className="link" onClick={() => check.mutate(c.name)} disabled={check.isPending}>
                      {check.isPending && check.variables === c.name ? t("fleet.checking") : t("fleet.check")}
                    </button>
                  ) : null}
                  {canManage ? (
                    <ConfirmDelete name={c.name} label={t("common.delete")} onDelete={() => apiFetch(`/api/v1/clusters/${c.name}`, { method: "DELETE" })} onDone={() => router.refresh()} />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
