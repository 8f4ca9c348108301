"use client";
// The loading and failed states of a usage-history chart's query, shared by the group and node charts.
import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { useT } from "@/lib/client/i18n";

/** Shows "loading" while `query` is pending, its failure with a retry when it failed, else `children(data)`. */
export function MetricsState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  const t = useT();
  if (query.isPending) return <p className="text-sm text-slate-600">{t("metrics.loading")}</p>;
  if (query.isError)
    return (
      <p className="text-sm text-red-700">
        {t("metrics.failed")}{" "}
        <button type="button" className="underline" onClick={() => void query.refetch()}>
          {t("metrics.retry")}
        </button>
      </p>
    );
  return <>{children(query.data)}</>;
}
