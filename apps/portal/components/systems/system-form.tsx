"use client";
import type { SystemDto } from "@capstan/domain";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { Field, FormError, formValues, useApiMutation } from "@/components/ui/form";

/** Creates a system (departments given) or edits one (system given). */
export function SystemForm({ departments, system }: { departments?: { name: string; displayName: string }[]; system?: SystemDto }) {
  const t = useT();
  const router = useRouter();
  const save = useApiMutation(
    (body: Record<string, unknown>) =>
      system
        ? apiFetch<SystemDto>(`/api/v1/systems/${system.name}`, { method: "PATCH", body: { ...body, version: system.version } })
        : apiFetch<SystemDto>("/api/v1/systems", { method: "POST", body }),
    {
      invalidate: ["/api/v1/systems"],
      onSuccess: (s) => {
        router.push(`/systems/${s.name}`);
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
        save.mutate(system ? rest : { name, ...rest });
      }}
    >
      {!system ? (
        <>
          <Field label={t("common.name")} error={f.name} hint={t("systems.nameHint")}>
            {(p) => <input {...p} name="name" className="input font-mono" required maxLength={63} autoFocus />}
          </Field>
          <Field label={t("common.department")} error={f.department}>
            {(p) => (
              <select {...p} name="department" className="input" required>
                {departments?.map((d) => (
                  <option key={d.name} value={d.name}>
                    {d.displayName} ({d.name})
                  </option>
                ))}
              </select>
            )}
          </Field>
        </>
      ) : null}
      <Field label={t("common.displayName")} error={f.displayName}>
        {(p) => <input {...p} name="displayName" className="input" required defaultValue={system?.displayName} />}
      </Field>
      <Field label={t("common.description")} error={f.description}>
        {(p) => <textarea {...p} name="description" className="input" rows={3} defaultValue={system?.description} />}
      </Field>
      <Field label={t("systems.isolation")} error={f.isolation} hint={t("systems.isolationHelp")}>
        {(p) => (
          <select {...p} name="isolation" className="input" defaultValue={system?.isolation ?? "ISOLATED"}>
            <option value="ISOLATED">{t("systems.ISOLATED")}</option>
            <option value="OPEN">{t("systems.OPEN")}</option>
          </select>
        )}
      </Field>
      <FormError error={save.error} />
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={save.isPending}>
          {save.isPending ? t("common.saving") : system ? t("common.save") : t("common.create")}
        </button>
        <button type="button" className="btn-secondary" onClick={() => router.back()}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
