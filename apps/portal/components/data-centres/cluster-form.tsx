"use client";
import type { ClusterDto } from "@capstan/domain";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { Field, FormError, useApiMutation } from "@/components/ui/form";

/** Registers a cluster in a data centre from a kubeconfig, pasted or read from a file. */
export function ClusterForm({ dataCentre }: { dataCentre: string }) {
  const t = useT();
  const router = useRouter();
  const text = useRef<HTMLTextAreaElement>(null);
  const save = useApiMutation(
    (body: { name: string; kubeconfig: string }) => apiFetch<ClusterDto>("/api/v1/clusters", { method: "POST", body: { ...body, dataCentre } }),
    {
      invalidate: ["/api/v1/clusters"],
      onSuccess: async (c) => {
        await apiFetch(`/api/v1/clusters/${c.name}/check`, { method: "POST" }).catch(() => undefined);
        router.refresh();
      },
    },
  );
  return (
    <form
      className="card space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = new FormData(form);
        save.mutate({ name: String(data.get("name")), kubeconfig: String(data.get("kubeconfig")) }, { onSuccess: () => form.reset() });
      }}
    >
      <h2 className="font-semibold">{t("fleet.newCluster")}</h2>
      <Field label={t("common.name")} error={save.fields.name} hint={t("common.nameHint")}>
        {(p) => <input {...p} name="name" className="input font-mono" required maxLength={63} />}
      </Field>
      <Field label={t("fleet.kubeconfig")} error={save.fields.kubeconfig} hint={t("fleet.kubeconfigHint")}>
        {(p) => <textarea {...p} ref={text} name="kubeconfig" rows={8} className="input font-mono text-xs" required spellCheck={false} />}
      </Field>
      <label className="btn-secondary cursor-pointer">
        {t("fleet.chooseFile")}
        <input
          type="file"
          className="sr-only"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file && text.current) text.current.value = await file.text();
          }}
        />
      </label>
      <FormError error={save.fields.kubeconfig || save.fields.name ? null : save.error} />
      <div>
        <button type="submit" className="btn-primary" disabled={save.isPending}>
          {save.isPending ? t("common.saving") : t("common.create")}
        </button>
      </div>
    </form>
  );
}
