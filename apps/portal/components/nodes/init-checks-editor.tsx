"use client";
// The INIT → WAIT checks: a form for platform admins, a summary for ops.
import type { NodeInitChecksDto } from "@capstan/domain";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { Field, FormError, useApiMutation } from "@/components/ui/form";

const ENDPOINT = "/api/v1/node-init-checks";

export function InitChecksEditor({ initial, canEdit }: { initial: NodeInitChecksDto; canEdit: boolean }) {
  const t = useT();
  const checks = useQuery({ queryKey: [ENDPOINT], queryFn: () => apiFetch<NodeInitChecksDto>(ENDPOINT), initialData: initial });
  const c = checks.data;
  return (
    <section className="card space-y-4" aria-labelledby="init-checks">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="init-checks" className="font-semibold">
          {t("policy.checks")}
        </h2>
        <span className="text-xs text-slate-500">{t("policy.version", { version: c.version })}</span>
      </div>
      <p className="text-sm text-slate-600">{t("policy.checksIntro")}</p>
      {c.version === 0 ? <p className="text-sm text-amber-800">{t("policy.defaults")}</p> : null}
      {canEdit ? (
        <ChecksForm key={c.version} saved={c} />
      ) : (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="init-checks-view">
          <dt className="font-medium">{t("policy.requireReady")}</dt>
          <dd>{c.requireReady ? t("policy.yes") : t("policy.no")}</dd>
          <dt className="font-medium">{t("policy.minKubelet")}</dt>
          <dd className="font-mono">{c.minKubeletVersion ?? t("policy.noVersionCheck")}</dd>
          <dt className="font-medium">{t("policy.requiredLabels")}</dt>
          <dd className="font-mono">{c.requiredLabels.join(", ") || t("policy.none")}</dd>
        </dl>
      )}
    </section>
  );
}

function ChecksForm({ saved }: { saved: NodeInitChecksDto }) {
  const t = useT();
  const [requireReady, setRequireReady] = useState(saved.requireReady);
  const [minKubelet, setMinKubelet] = useState(saved.minKubeletVersion ?? "");
  const [labels, setLabels] = useState(saved.requiredLabels.join(", "));
  const save = useApiMutation(
    () =>
      apiFetch<NodeInitChecksDto>(ENDPOINT, {
        method: "PUT",
        body: {
          requireReady,
          minKubeletVersion: minKubelet.trim() || null,
          requiredLabels: labels
            .split(",")
            .map((l) => l.trim())
            .filter(Boolean),
          version: saved.version,
        },
      }),
    { invalidate: [ENDPOINT] },
  );
  const labelErrors = Object.entries(save.fields)
    .filter(([k]) => k.startsWith("requiredLabels"))
    .map(([, v]) => v)
    .join(" ");
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(undefined);
      }}
    >
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={requireReady} onChange={(e) => setRequireReady(e.target.checked)} />
        {t("policy.requireReady")}
      </label>
      <Field label={t("policy.minKubelet")} hint={t("policy.minKubeletHint")} error={save.fields.minKubeletVersion}>
        {(p) => <input {...p} className="input font-mono" placeholder="v1.29.0" value={minKubelet} onChange={(e) => setMinKubelet(e.target.value)} />}
      </Field>
      <Field label={t("policy.requiredLabels")} hint={t("policy.requiredLabelsHint")} error={labelErrors || undefined}>
        {(p) => <input {...p} className="input font-mono" value={labels} onChange={(e) => setLabels(e.target.value)} />}
      </Field>
      <FormError error={save.error} />
      <button type="submit" className="btn-primary" disabled={save.isPending}>
        {save.isPending ? t("common.saving") : t("common.save")}
      </button>
    </form>
  );
}
