"use client";
// Sets a department's or a system's quota in one data centre (PUT …/quotas/{dc}). The fields take
// Kubernetes quantities, as the API does ("2", "500m", "4Gi"); their hints say so.
import { formatCpu, formatMemory, type Resources } from "@capstan/domain";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { Field, FormError, useApiMutation } from "@/components/ui/form";

export function QuotaForm({ url, quota, version, onDone }: { url: string; quota: Resources; version: number | null; onDone?: () => void }) {
  const t = useT();
  const router = useRouter();
  const save = useApiMutation((body: object) => apiFetch(url, { method: "PUT", body }), {
    onSuccess: () => {
      router.refresh();
      onDone?.();
    },
  });
  return (
    <form
      className="grid grid-cols-2 gap-3 @xl:grid-cols-5 @xl:items-start"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        save.mutate({
          cpu: String(f.get("cpu")),
          memory: String(f.get("memory")),
          gpu: Number(f.get("gpu")),
          instances: Number(f.get("instances")),
          ...(version ? { version } : {}),
        });
      }}
    >
      <Field label={t("quotas.cpu")} error={save.fields.cpu} hint={t("quotas.cpuHint")}>
        {(p) => <input {...p} name="cpu" className="input" defaultValue={formatCpu(quota.cpuMillis)} />}
      </Field>
      <Field label={t("quotas.memory")} error={save.fields.memory} hint={t("quotas.memoryHint")}>
        {(p) => <input {...p} name="memory" className="input" defaultValue={formatMemory(quota.memoryMiB)} />}
      </Field>
      <Field label={t("quotas.gpu")} error={save.fields.gpu}>
        {(p) => <input {...p} name="gpu" type="number" min={0} className="input" defaultValue={quota.gpu} />}
      </Field>
      <Field label={t("quotas.instances")} error={save.fields.instances}>
        {(p) => <input {...p} name="instances" type="number" min={0} className="input" defaultValue={quota.instances} />}
      </Field>
      <button type="submit" className="btn-primary @xl:mt-6" disabled={save.isPending}>
        {t("quotas.save")}
      </button>
      <div className="col-span-full">
        <FormError error={save.error} />
      </div>
    </form>
  );
}
