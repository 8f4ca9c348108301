"use client";
// Live progress of a bulk node transition: polls until the job has finished and every moved node is reshaped.
import type { NodeBulkTransitionDto } from "@capstan/domain";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-client";
import { useErrorText, useT } from "@/lib/client/i18n";

export function BulkProgress({ id }: { id: string }) {
  const t = useT();
  const errorText = useErrorText();
  const { data, error } = useQuery({
    queryKey: ["/api/v1/nodes/transitions", id],
    queryFn: () => apiFetch<NodeBulkTransitionDto>(`/api/v1/nodes/transitions/${id}`),
    refetchInterval: (q) => (q.state.data?.finishedAt && q.state.data.items.every((i) => i.applied !== "PENDING") ? false : 1000),
  });
  if (error)
    return (
      <p role="alert" className="text-sm text-red-800">
        {errorText(error)}
      </p>
    );
  if (!data)
    return (
      <div className="card animate-pulse text-sm" aria-busy="true">
        …
      </div>
    );
  const failed = data.items.filter((i) => i.result === "FAILED");
  return (
    <section className="card space-y-2" aria-live="polite">
      <p className="text-sm font-medium">
        {t("nodes.progress", { done: data.done, total: data.total, succeeded: data.succeeded, failed: data.failed })}
        {data.finishedAt ? ` · ${t("nodes.finished")}` : null}
      </p>
      <progress className="w-full" max={data.total} value={data.done} />
      {failed.length ? (
        <ul className="space-y-1 text-sm">
          {failed.map((i) => (
            <li key={`${i.cluster}/${i.node}`}>
              <span className="font-mono text-xs">
                {i.cluster}/{i.node}
              </span>{" "}
              —{" "}
              <span className="text-red-800">
                {errorText({ message: i.message, reason: i.failureReason ?? undefined, params: i.failureParams ?? undefined })}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
