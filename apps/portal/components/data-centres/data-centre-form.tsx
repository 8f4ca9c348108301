"use client";
import type { DataCentreDto } from "@capstan/domain";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { Field, FormError, formValues, useApiMutation } from "@/components/ui/form";

export function DataCentreForm({ dataCentre }: { dataCentre?: DataCentreDto }) {
  const t = useT();
  const router = useRouter();
  const save = useApiMutation(
    (body: Record<string, unknown>) =>
      dataCentre
        ? apiFetch<DataCentreDto>(`/api/v1/data-centres/${dataCentre.name}`, { method: "PATCH", body: { ...body, version: dataCentre.version } })
        : apiFetch<DataCentreDto>("/api/v1/data-centres", { method: "POST", body }),
    {
      invalidate: ["/api/v1/data-centres"],
      onSuccess: (d) => {
        router.push(`/data-centres/${d.name}`);
        router.refresh();
      },
    },
  );
  const f = save.fields;
  const d = dataCentre;
  return (
    <form
      className="card max-w-xl space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const { name, harborPassword, buildsPerSystem, dnsZone, powerdnsUrl, powerdnsApiKey, ...rest } = formValues(e.currentTarget);
        save.mutate({
          ...(d ? { buildsPerSystem: Number(buildsPerSystem) } : { name }),
          ...rest,
          ...(harborPassword ? { harborPassword } : {}),
          // Empty clears a zone or URL on edit, and is left out on register.
          ...(dnsZone || d ? { dnsZone: dnsZone || null } : {}),
          ...(powerdnsUrl || d ? { powerdnsUrl: powerdnsUrl || null } : {}),
          ...(powerdnsApiKey ? { powerdnsApiKey } : {}),
        });
      }}
    >
      {!d ? (
        <Field label={t("common.name")} error={f.name} hint={t("common.nameHint")}>
          {(p) => <input {...p} name="name" className="input font-mono" required maxLength={63} />}
        </Field>
      ) : null}
      <Field label={t("common.displayName")} error={f.displayName}>
        {(p) => <input {...p} name="displayName" className="input" required defaultValue={d?.displayName} />}
      </Field>
      <Field label={t("fleet.region")} error={f.region}>
        {(p) => <input {...p} name="region" className="input" required defaultValue={d?.region} />}
      </Field>
      <Field label={t("fleet.harborUrl")} error={f.harborUrl}>
        {(p) => (
          <input {...p} name="harborUrl" type="url" className="input" required defaultValue={d?.harborUrl} placeholder="https://harbor.dc1.example.com" />
        )}
      </Field>
      <Field label={t("fleet.harborUsername")} error={f.harborUsername}>
        {(p) => <input {...p} name="harborUsername" className="input" required defaultValue={d?.harborUsername} />}
      </Field>
      <Field label={t("fleet.harborPassword")} error={f.harborPassword} hint={d ? t("fleet.harborPasswordKeep") : undefined}>
        {(p) => <input {...p} name="harborPassword" type="password" autoComplete="off" className="input" required={!d} />}
      </Field>
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold">{t("fleet.dns")}</legend>
        <Field label={t("fleet.dnsZone")} error={f.dnsZone} hint={t("fleet.dnsZoneHint")}>
          {(p) => (
            <input {...p} name="dnsZone" className="input font-mono" maxLength={253} defaultValue={d?.dns.zone ?? ""} placeholder="dc1.capstan.internal" />
          )}
        </Field>
        <Field label={t("fleet.dnsProvider")} error={f.dnsProvider}>
          {(p) => (
            <select {...p} name="dnsProvider" className="input" defaultValue={d?.dns.provider ?? "BUILTIN"}>
              {(["BUILTIN", "POWERDNS"] as const).map((v) => (
                <option key={v} value={v}>
                  {t(`fleet.dnsProviders.${v}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("fleet.dnsTarget")} error={f.dnsTarget}>
          {(p) => (
            <select {...p} name="dnsTarget" className="input" defaultValue={d?.dns.target ?? "POD_IPS"}>
              {(["POD_IPS", "SERVICE_ADDRESS"] as const).map((v) => (
                <option key={v} value={v}>
                  {t(`fleet.dnsTargets.${v}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("fleet.powerdnsUrl")} error={f.powerdnsUrl}>
          {(p) => <input {...p} name="powerdnsUrl" type="url" className="input" defaultValue={d?.dns.powerdnsUrl ?? ""} placeholder="http://10.0.0.53:8081" />}
        </Field>
        <Field label={t("fleet.powerdnsApiKey")} error={f.powerdnsApiKey} hint={d ? t("fleet.powerdnsApiKeyKeep") : undefined}>
          {(p) => <input {...p} name="powerdnsApiKey" type="password" autoComplete="off" className="input" />}
        </Field>
      </fieldset>
      {d ? (
        // Build settings exist once the data centre does (docs/builds.md, "Settings").
        <>
          <Field label={t("fleet.builderImage")} error={f.builderImage} hint={t("fleet.builderImageHint")}>
            {(p) => <input {...p} name="builderImage" className="input font-mono" required maxLength={500} defaultValue={d.builderImage} />}
          </Field>
          <Field label={t("fleet.buildsPerSystem")} error={f.buildsPerSystem} hint={t("fleet.buildsPerSystemHint")}>
            {(p) => (
              <input {...p} name="buildsPerSystem" type="number" className="input w-24" required min={1} max={20} step={1} defaultValue={d.buildsPerSystem} />
            )}
          </Field>
        </>
      ) : null}
      <FormError error={save.error} />
      <button type="submit" className="btn-primary" disabled={save.isPending}>
        {save.isPending ? t("common.saving") : d ? t("common.save") : t("common.create")}
      </button>
    </form>
  );
}
