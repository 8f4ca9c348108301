"use client";
import type { DepartmentDto } from "@capstan/domain";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { Field, FormError, formValues, useApiMutation } from "@/components/ui/form";

export function DepartmentForm({ department }: { department?: DepartmentDto }) {
  const t = useT();
  const router = useRouter();
  const save = useApiMutation(
    (body: Record<string, unknown>) =>
      department
        ? apiFetch<DepartmentDto>(`/api/v1/departments/${department.name}`, { method: "PATCH", body: { ...body, version: department.version } })
        : apiFetch<DepartmentDto>("/api/v1/departments", { method: "POST", body }),
    {
      invalidate: ["/api/v1/departments"],
      onSuccess: (d) => {
        router.push(`/departments/${d.name}`);
        router.refresh();
      },
    },
  );
  const f = save.fields;
  return (
    <form
      className="card max-w-xl space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const { name, ...rest } = formValues(e.currentTarget);
        save.mutate(department ? rest : { name, ...rest });
      }}
    >
      {!department ? (
        <Field label={t("common.name")} error={f.name} hint={t("common.nameHint")}>
          {(p) => <input {...p} name="name" className="input font-mono" required maxLength={63} />}
        </Field>
      ) : null}
      <Field label={t("common.displayName")} error={f.displayName}>
        {(p) => <input {...p} name="displayName" className="input" required defaultValue={department?.displayName} />}
      </Field>
      <Field label={t("common.description")} error={f.description}>
        {(p) => <textarea {...p} name="description" className="input" rows={2} defaultValue={department?.description} />}
      </Field>
      <FormError error={save.error} />
      <button type="submit" className="btn-primary" disabled={save.isPending}>
        {save.isPending ? t("common.saving") : department ? t("common.save") : t("common.create")}
      </button>
    </form>
  );
}
