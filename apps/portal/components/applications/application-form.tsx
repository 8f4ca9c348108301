"use client";
import { type ApplicationDto, GROUP_OBJECT_NAME_MAX } from "@capstan/domain";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { Field, FormError, formValues, useApiMutation } from "@/components/ui/form";

const RUNTIMES = ["GENERIC", "JAVA", "NODE", "GO", "PYTHON"];
const PROTOCOLS = ["HTTP", "TCP", "GRPC"];

/** Form values → API body: numbers as numbers, empty optional text as null. */
function toBody(v: Record<string, string>): Record<string, unknown> {
  const nullable = (s: string | undefined) => (s ? s : null);
  return {
    ...v,
    port: Number(v.port),
    healthCheckPath: nullable(v.healthCheckPath),
    gitRepository: nullable(v.gitRepository),
    buildCommand: nullable(v.buildCommand),
  };
}

export function ApplicationForm({ system, application }: { system: string; application?: ApplicationDto }) {
  const t = useT();
  const router = useRouter();
  const base = `/api/v1/systems/${system}/applications`;
  const save = useApiMutation(
    (body: Record<string, unknown>) =>
      application
        ? apiFetch<ApplicationDto>(`${base}/${application.name}`, { method: "PATCH", body: { ...body, version: application.version } })
        : apiFetch<ApplicationDto>(base, { method: "POST", body }),
    {
      invalidate: [base, "/api/v1/applications"],
      onSuccess: (a) => {
        router.push(`/systems/${system}/applications/${a.name}`);
        router.refresh();
      },
    },
  );
  const f = save.fields;
  const a = application;
  return (
    <form
      className="card max-w-2xl space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const { name, ...rest } = toBody(formValues(e.currentTarget));
        save.mutate(application ? rest : { name, ...rest });
      }}
    >
      {!a ? (
        <Field label={t("common.name")} error={f.name} hint={t("applications.nameHint")}>
          {(p) => <input {...p} name="name" className="input font-mono" required maxLength={GROUP_OBJECT_NAME_MAX - 2} autoFocus />}
        </Field>
      ) : null}
      <Field label={t("common.displayName")} error={f.displayName}>
        {(p) => <input {...p} name="displayName" className="input" required defaultValue={a?.displayName} />}
      </Field>
      <Field label={t("common.description")} error={f.description}>
        {(p) => <textarea {...p} name="description" className="input" rows={2} defaultValue={a?.description} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={t("applications.runtime")} error={f.runtime}>
          {(p) => (
            <select {...p} name="runtime" className="input" defaultValue={a?.runtime ?? "GENERIC"}>
              {RUNTIMES.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("applications.protocol")} error={f.protocol}>
          {(p) => (
            <select {...p} name="protocol" className="input" defaultValue={a?.protocol ?? "HTTP"}>
              {PROTOCOLS.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("applications.port")} error={f.port}>
          {(p) => <input {...p} name="port" type="number" min={1} max={65535} className="input" required defaultValue={a?.port ?? 8080} />}
        </Field>
      </div>
      <Field label={t("applications.healthCheckPath")} error={f.healthCheckPath}>
        {(p) => <input {...p} name="healthCheckPath" className="input font-mono" defaultValue={a ? (a.healthCheckPath ?? "") : "/healthz"} />}
      </Field>
      <fieldset className="space-y-4 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">{t("applications.build")}</legend>
        <Field label={t("applications.gitRepository")} error={f.gitRepository}>
          {(p) => (
            <input
              {...p}
              name="gitRepository"
              type="url"
              className="input"
              placeholder="https://git.example.com/team/app.git"
              defaultValue={a?.gitRepository ?? ""}
            />
          )}
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("applications.gitBranch")} error={f.gitBranch}>
            {(p) => <input {...p} name="gitBranch" className="input" defaultValue={a?.gitBranch ?? "main"} required />}
          </Field>
          <Field label={t("applications.dockerfilePath")} error={f.dockerfilePath}>
            {(p) => <input {...p} name="dockerfilePath" className="input" defaultValue={a?.dockerfilePath ?? "Dockerfile"} required />}
          </Field>
        </div>
        <Field label={t("applications.buildCommand")} error={f.buildCommand}>
          {(p) => <input {...p} name="buildCommand" className="input font-mono" defaultValue={a?.buildCommand ?? ""} />}
        </Field>
      </fieldset>
      <FormError error={save.error} />
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={save.isPending}>
          {save.isPending ? t("common.saving") : a ? t("common.save") : t("common.create")}
        </button>
        <button type="button" className="btn-secondary" onClick={() => router.back()}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
