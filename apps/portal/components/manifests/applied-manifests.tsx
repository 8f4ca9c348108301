"use client";
// "What Capstan applied": each object Capstan applies for a group or a system's namespace, as it applies
// it beside the cluster's copy (side by side), or the drift in Capstan's fields as a unified diff, with a
// drift badge and a copy button. Read on opening and on request; the cluster is read each time (docs/manifests.md).
import type { ClusterManifests, ManifestComparison } from "@capstan/domain";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useErrorText, useT } from "@/lib/client/i18n";
import { CopyButton } from "@/components/ui/copy-button";
import { DiffView, YamlView } from "@/components/manifests/yaml-view";

/** `endpoint`: …/groups/{group}/manifests (one cluster) or /systems/{system}/manifests (a list per cluster). */
export function AppliedManifests({ endpoint }: { endpoint: string }) {
  const t = useT();
  const errorText = useErrorText();
  const [mode, setMode] = useState<"side" | "diff">("side");
  const query = useQuery({
    queryKey: [endpoint],
    queryFn: async () => {
      const answer = await apiFetch<ClusterManifests | { clusters: ClusterManifests[] }>(endpoint);
      return "clusters" in answer ? answer.clusters : [answer];
    },
  });
  return (
    <section className="space-y-2" aria-labelledby="applied-manifests">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="applied-manifests" className="text-lg font-semibold">
          {t("manifests.title")}
        </h2>
        <div className="flex items-center gap-2 text-sm">
          <div role="group" aria-label={t("manifests.view")} className="inline-flex overflow-hidden rounded border border-slate-300">
            {(["side", "diff"] as const).map((m) => (
              <button
                key={m}
                type="button"
                aria-pressed={mode === m}
                className={`px-2 py-1 ${mode === m ? "bg-slate-200 font-medium dark:bg-slate-700" : ""}`}
                onClick={() => setMode(m)}
              >
                {t(`manifests.${m}`)}
              </button>
            ))}
          </div>
          <button type="button" className="btn-secondary px-2 py-1" onClick={() => query.refetch()} disabled={query.isFetching}>
            {t("manifests.reload")}
          </button>
        </div>
      </div>
      <p className="text-sm text-slate-600">{t("manifests.help")}</p>
      {query.isError ? (
        <p role="alert" className="card text-sm text-red-800">
          {t("common.loadFailed", { message: errorText(query.error) })}
        </p>
      ) : !query.data ? (
        <div className="card animate-pulse text-sm text-slate-500" aria-busy="true">
          …
        </div>
      ) : query.data.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("manifests.none")}</p>
      ) : (
        query.data.map((c) => (
          <div key={c.cluster} className="space-y-2">
            {query.data.length > 1 || c.unreachable ? (
              <h3 className="text-sm font-semibold">
                {t("manifests.cluster", { cluster: c.cluster })}
                {c.unreachable ? <span className="ml-2 font-normal text-red-700">{t("manifests.unreachable")}</span> : null}
              </h3>
            ) : null}
            {c.objects.map((o) => (
              <ManifestObject key={`${o.kind}/${o.namespace}/${o.name}`} object={o} mode={mode} unreachable={c.unreachable} />
            ))}
          </div>
        ))
      )}
    </section>
  );
}

function ManifestObject({ object: o, mode, unreachable }: { object: ManifestComparison; mode: "side" | "diff"; unreachable: boolean }) {
  const t = useT();
  const title = `${o.kind}/${o.name}`;
  const badge = unreachable
    ? null
    : o.live === null
      ? ["bg-red-100 text-red-800", t("manifests.missing")]
      : o.drift
        ? ["bg-amber-100 text-amber-800", t("manifests.drift")]
        : ["bg-emerald-100 text-emerald-800", t("manifests.inSync")];
  return (
    <details className="card space-y-2" open={o.drift}>
      <summary className="flex cursor-pointer flex-wrap items-center gap-2">
        <span className="font-mono text-sm">{title}</span>
        {badge ? <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${badge[0]}`}>{badge[1]}</span> : null}
      </summary>
      <div className="flex justify-end">
        <CopyButton text={mode === "diff" && o.drift ? o.diff : o.applied} label={title} />
      </div>
      {mode === "diff" ? (
        o.drift ? (
          <DiffView text={o.diff} label={t("manifests.diffOf", { object: title })} />
        ) : (
          <p className="text-sm text-slate-600">{unreachable ? t("manifests.unreachable") : t("manifests.noDrift")}</p>
        )
      ) : (
        <div className="grid gap-2 lg:grid-cols-2">
          <div className="space-y-1">
            <h4 className="text-xs font-medium text-slate-500">{t("manifests.applied")}</h4>
            <YamlView text={o.applied} label={t("manifests.appliedOf", { object: title })} />
          </div>
          <div className="space-y-1">
            <h4 className="text-xs font-medium text-slate-500">{t("manifests.live")}</h4>
            {o.live === null ? (
              <p className="text-sm text-slate-600">{unreachable ? t("manifests.unreachable") : t("manifests.missing")}</p>
            ) : (
              <YamlView text={o.live} label={t("manifests.liveOf", { object: title })} />
            )}
          </div>
        </div>
      )}
    </details>
  );
}
