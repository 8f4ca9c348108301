"use client";
// The label policy: read-only for most, a whole-policy editor for platform admins. Removing zones,
// flags or sets asks first, since nodes and groups may depend on them (the server refuses those in use).
import type { LabelPolicyDto } from "@capstan/domain";
import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { FormError, useApiMutation } from "@/components/ui/form";
import { ModalForm } from "@/components/ui/modal-form";

const ENDPOINT = "/api/v1/label-policy";
type Draft = Omit<LabelPolicyDto, "version">;
const setName = (s: string[]) => s.join(" + ");

/** What saving `draft` over `saved` takes away, for the confirmation. */
function removals(saved: Draft, draft: Draft): string[] {
  const kept = new Set(draft.exclusiveSets.map(setName));
  return [
    ...saved.zones.filter((z) => !draft.zones.includes(z)),
    ...saved.resourceLabels.filter((l) => !draft.resourceLabels.includes(l)),
    ...saved.exclusiveSets.map(setName).filter((s) => !kept.has(s)),
  ];
}

export function LabelPolicyEditor({ initial, canEdit }: { initial: LabelPolicyDto; canEdit: boolean }) {
  const t = useT();
  const policy = useQuery({ queryKey: [ENDPOINT], queryFn: () => apiFetch<LabelPolicyDto>(ENDPOINT), initialData: initial });
  return (
    <section className="card space-y-4" aria-labelledby="label-policy">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="label-policy" className="font-semibold">
          {t("policy.labels")}
        </h2>
        <span className="text-xs text-slate-500">{t("policy.version", { version: policy.data.version })}</span>
      </div>
      <p className="text-sm text-slate-600">{t("policy.labelsIntro")}</p>
      {canEdit ? <Editor key={policy.data.version} saved={policy.data} /> : <PolicyView policy={policy.data} />}
    </section>
  );
}

function PolicyView({ policy }: { policy: LabelPolicyDto }) {
  const t = useT();
  const list = (items: React.ReactNode[]) =>
    items.length ? <ul className="flex flex-wrap gap-2">{items}</ul> : <p className="text-sm text-slate-500">{t("policy.none")}</p>;
  const chip = (key: string, children: React.ReactNode) => (
    <li key={key} className="rounded bg-slate-100 px-2 py-0.5 font-mono text-sm">
      {children}
    </li>
  );
  return (
    <dl className="space-y-3" data-testid="label-policy-view">
      <dt className="text-sm font-medium">{t("policy.zones")}</dt>
      <dd>
        {list(
          policy.zones.map((z) =>
            chip(
              z,
              <>
                {z}
                {policy.dedicatedZones.includes(z) ? <span className="ml-1 font-sans text-xs text-amber-700">({t("policy.dedicated")})</span> : null}
              </>,
            ),
          ),
        )}
      </dd>
      <dt className="text-sm font-medium">{t("policy.flags")}</dt>
      <dd>{list(policy.resourceLabels.map((l) => chip(l, l)))}</dd>
      <dt className="text-sm font-medium">{t("policy.exclusiveSets")}</dt>
      <dd>{list(policy.exclusiveSets.map((s) => chip(setName(s), setName(s))))}</dd>
    </dl>
  );
}

/** A text box and button that add a value; Enter in the box adds too. */
function AddValue({ label, button, onAdd }: { label: string; button: string; onAdd: (v: string) => void }) {
  const [value, setValue] = useState("");
  const add = () => {
    if (value.trim()) onAdd(value.trim());
    setValue("");
  };
  return (
    <div className="flex items-end gap-2">
      <label className="block flex-1 text-sm">
        <span className="text-slate-700">{label}</span>
        <input
          className="input font-mono"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        />
      </label>
      <button type="button" className="btn-secondary" onClick={add}>
        {button}
      </button>
    </div>
  );
}

function Editor({ saved }: { saved: LabelPolicyDto }) {
  const t = useT();
  const { version, ...rest } = saved;
  const [draft, setDraft] = useState<Draft>(rest);
  const [newSet, setNewSet] = useState<string[]>([]);
  const dialog = useRef<HTMLDialogElement>(null);
  const save = useApiMutation(() => apiFetch<LabelPolicyDto>(ENDPOINT, { method: "PUT", body: { ...draft, version } }), {
    invalidate: [ENDPOINT],
    onSuccess: () => dialog.current?.close(),
  });
  // Field reasons arrive as "zones", "zones.2", "exclusiveSets.0", …
  const errorsOf = (field: string) =>
    Object.entries(save.fields)
      .filter(([k]) => k === field || k.startsWith(`${field}.`))
      .map(([, v]) => v)
      .join(" ");
  const fieldError = (field: string) => (errorsOf(field) ? <p className="text-sm text-red-700">{errorsOf(field)}</p> : null);
  const removeButton = (name: string, onClick: () => void) => (
    <button type="button" className="link text-xs" aria-label={t("policy.remove", { name })} onClick={onClick}>
      ✕
    </button>
  );
  const update = (d: Partial<Draft>) => setDraft((x) => ({ ...x, ...d }));
  const removeFlag = (l: string) => {
    // A set left with one label excludes nothing, so it goes with the flag.
    update({
      resourceLabels: draft.resourceLabels.filter((x) => x !== l),
      exclusiveSets: draft.exclusiveSets.map((s) => s.filter((x) => x !== l)).filter((s) => s.length > 1),
    });
    setNewSet((s) => s.filter((x) => x !== l));
  };
  const gone = removals(rest, draft);
  const submit = (label: string) => (
    <button type="submit" className="btn-primary" disabled={save.isPending}>
      {save.isPending ? t("common.saving") : label}
    </button>
  );
  return (
    <div className="space-y-5">
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("policy.zones")}</legend>
        <ul className="space-y-1">
          {draft.zones.map((z) => (
            <li key={z} className="flex items-center gap-3 text-sm">
              <span className="w-40 font-mono">{z}</span>
              <label className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={draft.dedicatedZones.includes(z)}
                  aria-label={t("policy.dedicatedToggle", { zone: z })}
                  onChange={(e) => update({ dedicatedZones: e.target.checked ? [...draft.dedicatedZones, z] : draft.dedicatedZones.filter((x) => x !== z) })}
                />
                <span aria-hidden>{t("policy.dedicated")}</span>
              </label>
              {removeButton(z, () => update({ zones: draft.zones.filter((x) => x !== z), dedicatedZones: draft.dedicatedZones.filter((x) => x !== z) }))}
            </li>
          ))}
        </ul>
        <p className="text-xs text-slate-500">{t("policy.dedicatedHint")}</p>
        {fieldError("zones")}
        {fieldError("dedicatedZones")}
        <AddValue label={t("policy.newZone")} button={t("policy.addZone")} onAdd={(z) => !draft.zones.includes(z) && update({ zones: [...draft.zones, z] })} />
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("policy.flags")}</legend>
        <ul className="flex flex-wrap gap-2">
          {draft.resourceLabels.map((l) => (
            <li key={l} className="flex items-center gap-1 rounded bg-slate-100 px-2 py-0.5 font-mono text-sm">
              {l} {removeButton(l, () => removeFlag(l))}
            </li>
          ))}
        </ul>
        {fieldError("resourceLabels")}
        <AddValue
          label={t("policy.newFlag")}
          button={t("policy.addFlag")}
          onAdd={(l) => !draft.resourceLabels.includes(l) && update({ resourceLabels: [...draft.resourceLabels, l] })}
        />
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("policy.exclusiveSets")}</legend>
        <p className="text-xs text-slate-500">{t("policy.exclusiveHint")}</p>
        <ul className="space-y-1">
          {draft.exclusiveSets.map((s, i) => (
            <li key={setName(s)} className="text-sm">
              <span className="font-mono">{setName(s)}</span>{" "}
              {removeButton(setName(s), () => update({ exclusiveSets: draft.exclusiveSets.filter((_, j) => j !== i) }))}
              {fieldError(`exclusiveSets.${i}`)}
            </li>
          ))}
        </ul>
        <fieldset className="flex flex-wrap items-center gap-3 text-sm">
          <legend className="mb-1 text-xs text-slate-600">{t("policy.newSet")}</legend>
          {draft.resourceLabels.map((l) => (
            <label key={l} className="flex items-center gap-1 font-mono">
              <input
                type="checkbox"
                checked={newSet.includes(l)}
                onChange={(e) => setNewSet(e.target.checked ? [...newSet, l] : newSet.filter((x) => x !== l))}
              />
              {l}
            </label>
          ))}
          <button
            type="button"
            className="btn-secondary"
            disabled={newSet.length < 2}
            onClick={() => {
              update({ exclusiveSets: [...draft.exclusiveSets, newSet] });
              setNewSet([]);
            }}
          >
            {t("policy.addSet")}
          </button>
        </fieldset>
      </fieldset>

      {gone.length ? (
        <ModalForm
          dialog={dialog}
          trigger={t("common.save")}
          triggerClass="btn-primary"
          title={t("policy.confirmTitle")}
          error={save.error}
          cancelFirst
          onOpen={() => save.reset()}
          onSubmit={() => save.mutate(undefined)}
          submit={submit(t("policy.confirmSave"))}
        >
          <p className="text-sm text-slate-600">{t("policy.confirmBody", { items: gone.join(", ") })}</p>
        </ModalForm>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(undefined);
          }}
        >
          {submit(t("common.save"))}
        </form>
      )}
      <FormError error={save.error} />
    </div>
  );
}
