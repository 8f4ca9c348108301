"use client";
import { GROUP_OBJECT_NAME_MAX, type GroupDto, type LabelPolicyDto, type PlacementPreviewResult as Preview, resourceLabelChoices } from "@capstan/domain";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, FormError, formValues, useApiMutation } from "@/components/ui/form";
import { PlacementPreviewPanel } from "@/components/groups/placement-preview";
import { ImageTagOptions, useImageTags } from "@/components/groups/image-tags";
import { AutoscalingFields, type Behaviour, readAutoscaling } from "@/components/groups/autoscaling-fields";

/** "A=1\nB=two" → [{ name: "A", value: "1" }, …]; lines without "=" are kept so the server names them. */
function parseEnv(text: string) {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const at = l.indexOf("=");
      return at < 0 ? { name: l, value: "" } : { name: l.slice(0, at), value: l.slice(at + 1) };
    });
}

/**
 * The form's values as the API takes them (`resourceLabels`: the flags ticked; `autoscaling`: the behaviour
 * chosen when the group is to autoscale, else null).
 */
function collect(form: HTMLFormElement, resourceLabels: string[], autoscaling: Behaviour | null) {
  const v = formValues(form);
  return {
    name: v.name,
    dataCentre: v.dataCentre,
    ...(v.cluster ? { cluster: v.cluster } : {}),
    imageTag: v.imageTag,
    replicas: Number(v.replicas),
    cpu: v.cpu,
    memory: v.memory,
    gpu: Number(v.gpu || 0),
    cpuMode: v.cpuMode,
    zone: v.zone,
    resourceLabels,
    env: parseEnv(v.env ?? ""),
    healthCheck: v.healthCheck ? { path: v.healthCheck } : null,
    follow: v.follow ? { branch: v.follow } : null,
    autoscaling: autoscaling ? readAutoscaling(form, autoscaling) : null,
  };
}

/** The commands that push a first image to the application's repository. */
const pushCommands = (d: { registry: string; pushTo: string }) => `docker login ${d.registry}\ndocker push ${d.pushTo}:1.0.0`;

/**
 * The form that creates a group. Zones and resource labels are the label policy's (`policy`): a zone is
 * chosen from its zones (dedicated ones named so), and a flag that an exclusive set forbids beside those
 * ticked is not offered (resourceLabelChoices); without zones in the policy the zone is typed.
 */
export function GroupForm({
  system,
  application,
  dataCentres,
  policy,
}: {
  system: string;
  application: string;
  dataCentres: { name: string; displayName: string; clusters: string[] }[];
  policy: Pick<LabelPolicyDto, "zones" | "dedicatedZones" | "resourceLabels" | "exclusiveSets">;
}) {
  const t = useT();
  const router = useRouter();
  const [dc, setDc] = useState(dataCentres[0]?.name ?? "");
  const [cpuMode, setCpuMode] = useState("SHARED");
  const [flags, setFlags] = useState<string[]>([]);
  const [autoscale, setAutoscale] = useState(false);
  const [behaviour, setBehaviour] = useState<Behaviour>("default");
  const openZones = policy.zones.filter((z) => !policy.dedicatedZones.includes(z));
  const defaultZone = openZones.includes("default") ? "default" : (openZones[0] ?? policy.zones[0] ?? "default");
  const base = `/api/v1/systems/${system}/applications/${application}/groups`;
  const save = useApiMutation((body: Record<string, unknown>) => apiFetch<GroupDto>(base, { method: "POST", body }), {
    invalidate: [base, "/api/v1/groups"],
    onSuccess: (g) => router.push(`/systems/${system}/applications/${application}/groups/${g.name}`),
  });
  const preview = useApiMutation((body: Record<string, unknown>) => apiFetch<Preview>(`/api/v1/systems/${system}/placement-preview`, { method: "POST", body }));
  const f = { ...preview.fields, ...save.fields };
  const clusters = dataCentres.find((d) => d.name === dc)?.clusters ?? [];
  const tags = useImageTags(system, application, dc);
  return (
    <form
      className="card max-w-2xl space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(collect(e.currentTarget, flags, autoscale ? behaviour : null));
      }}
    >
      <Field label={t("common.name")} error={f.name} hint={t("common.nameHint")}>
        {(p) => (
          <input {...p} name="name" className="input font-mono" required maxLength={Math.max(1, GROUP_OBJECT_NAME_MAX - application.length - 1)} autoFocus />
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("groups.dataCentre")} error={f.dataCentre}>
          {(p) => (
            <select {...p} name="dataCentre" className="input" value={dc} onChange={(e) => setDc(e.target.value)}>
              {dataCentres.map((d) => (
                <option key={d.name} value={d.name}>
                  {d.displayName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("groups.cluster")} error={f.cluster}>
          {(p) => (
            <select {...p} name="cluster" className="input" defaultValue="">
              <option value="">{t("groups.clusterAuto")}</option>
              {clusters.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t("groups.image")}
          error={f.imageTag}
          hint={tags.isError ? t("groups.tagsUnavailable") : tags.data?.items.length === 0 ? t("groups.noTags") : undefined}
        >
          {(p) => (
            <input
              {...p}
              name="imageTag"
              className="input font-mono"
              required
              placeholder={tags.data?.items[0]?.tag ?? "1.0.0"}
              list="image-tags"
              autoComplete="off"
            />
          )}
        </Field>
        <ImageTagOptions id="image-tags" tags={tags.data} />
        {tags.data?.items.length === 0 ? (
          // Nothing to deploy yet: say where the first image goes (the system's project exists once it has a quota here).
          <div
            role="note"
            aria-label={t("groups.pushTitle")}
            className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm sm:col-span-2 sm:row-start-2"
          >
            <p>{t("groups.pushFirst", { repository: tags.data.pushTo })}</p>
            <pre className="overflow-auto rounded bg-slate-100 p-2 font-mono text-xs">{pushCommands(tags.data)}</pre>
            <CopyButton text={pushCommands(tags.data)} label={t("groups.pushTitle")} />
          </div>
        ) : null}
        <Field label={t("groups.replicas")} error={f.replicas} hint={autoscale ? t("groups.replicasAutoscaled") : undefined}>
          {(p) => <input {...p} name="replicas" type="number" min={0} max={500} defaultValue={2} className="input" required />}
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={t("groups.cpu")} error={f.cpu}>
          {(p) => <input {...p} name="cpu" className="input font-mono" defaultValue="500m" required />}
        </Field>
        <Field label={t("groups.memory")} error={f.memory}>
          {(p) => <input {...p} name="memory" className="input font-mono" defaultValue="512Mi" required />}
        </Field>
        <Field label={t("groups.gpu")} error={f.gpu}>
          {(p) => <input {...p} name="gpu" type="number" min={0} max={8} defaultValue={0} className="input" />}
        </Field>
      </div>
      <Field label={t("groups.cpuMode")} error={f.cpuMode} hint={cpuMode === "EXCLUSIVE" ? t("groups.exclusiveHelp") : t("groups.sharedHelp")}>
        {(p) => (
          <select {...p} name="cpuMode" className="input" value={cpuMode} onChange={(e) => setCpuMode(e.target.value)}>
            <option value="SHARED">{t("groups.SHARED")}</option>
            <option value="EXCLUSIVE">{t("groups.EXCLUSIVE")}</option>
          </select>
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("groups.zone")} error={f.zone}>
          {(p) =>
            policy.zones.length ? (
              <select {...p} name="zone" className="input font-mono" defaultValue={defaultZone}>
                {policy.zones.map((z) => (
                  <option key={z} value={z}>
                    {policy.dedicatedZones.includes(z) ? `${z} (${t("policy.dedicated")})` : z}
                  </option>
                ))}
              </select>
            ) : (
              <input {...p} name="zone" className="input font-mono" defaultValue="default" required />
            )
          }
        </Field>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-700">{t("groups.resourceLabels")}</legend>
          <div className="flex flex-wrap gap-4 pt-1">
            {resourceLabelChoices(policy, flags).map(({ label, allowed }) => (
              <label key={label} className={`flex items-center gap-1 text-sm ${allowed ? "" : "text-slate-400"}`}>
                <input
                  type="checkbox"
                  name={label}
                  checked={flags.includes(label)}
                  disabled={!allowed}
                  onChange={(e) => setFlags(e.target.checked ? [...flags, label] : flags.filter((l) => l !== label))}
                />{" "}
                <code>{label}</code>
              </label>
            ))}
            {policy.resourceLabels.length === 0 ? <p className="text-sm text-slate-500">{t("groups.noResourceLabels")}</p> : null}
          </div>
          {f.resourceLabels ? <p className="text-sm text-red-700">{f.resourceLabels}</p> : null}
        </fieldset>
      </div>
      <fieldset className="space-y-3">
        <legend className="sr-only">{t("autoscaling.title")}</legend>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <input type="checkbox" name="autoscale" checked={autoscale} onChange={(e) => setAutoscale(e.target.checked)} /> {t("groups.autoscale")}
        </label>
        {autoscale ? (
          <div className="space-y-3 rounded-md border border-slate-200 p-3">
            <AutoscalingFields initial={null} replicas={2} errors={f} prefix="autoscaling." behaviour={behaviour} onBehaviour={setBehaviour} />
          </div>
        ) : (
          <p className="text-xs text-slate-500">{t("groups.autoscaleHint")}</p>
        )}
      </fieldset>
      <Field label={t("groups.env")} error={Object.entries(f).find(([k]) => k.startsWith("env"))?.[1]} hint={t("groups.envHint")}>
        {(p) => <textarea {...p} name="env" rows={3} className="input font-mono text-xs" spellCheck={false} />}
      </Field>
      <Field label={t("groups.healthCheck")} error={f["healthCheck.path"]} hint={t("groups.healthCheckHint")}>
        {(p) => <input {...p} name="healthCheck" className="input font-mono" placeholder="/healthz" />}
      </Field>
      <Field label={t("groups.follow")} error={f["follow.branch"]} hint={t("groups.followHint")}>
        {(p) => <input {...p} name="follow" className="input font-mono" placeholder="main" autoComplete="off" />}
      </Field>
      {preview.data ? <PlacementPreviewPanel preview={preview.data} /> : null}
      <FormError error={save.error ?? preview.error} />
      <div className="flex gap-2">
        <button
          type="button"
          className="btn-secondary"
          disabled={preview.isPending}
          onClick={(e) => {
            const { dataCentre, cluster, replicas, cpu, memory, gpu, zone, resourceLabels } = collect(e.currentTarget.form!, flags, null);
            preview.mutate({ dataCentre, ...(cluster ? { cluster } : {}), replicas, cpu, memory, gpu, zone, resourceLabels });
          }}
        >
          {t("groups.preview")}
        </button>
        <button type="submit" className="btn-primary" disabled={save.isPending}>
          {save.isPending ? t("common.saving") : t("common.create")}
        </button>
      </div>
    </form>
  );
}
