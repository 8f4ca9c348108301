"use client";
// A group's autoscaling: its range beside what the autoscaler has now (min / current / desired / max), the
// utilisation against its targets, and its conditions in words; for those who may change the group, a dialog
// to turn it on or edit it and a confirmation to turn it off (docs/autoscaling.md).
import { AUTOSCALING_PRESETS, type AutoscalerStatus, type Autoscaling, type GroupDto } from "@capstan/domain";
import { Fragment, useRef, useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import type { Translate } from "@/messages";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { useApiMutation } from "@/components/ui/form";
import { AutoscalingFields, type Behaviour, behaviourOf, readAutoscaling } from "@/components/groups/autoscaling-fields";
import { ModalForm } from "@/components/ui/modal-form";
import { AskForQuotaLink } from "@/components/quotas/ask-for-quota-link";
import { Time } from "@/components/ui/time";

type Condition = AutoscalerStatus["conditions"][number];

/** A condition of the HPA in the reader's words: its meaning by type and status, or by reason where that says more. */
export function conditionText(t: Translate, c: Condition): string {
  if (c.type === "ScalingLimited" && c.status === "True" && (c.reason === "TooManyReplicas" || c.reason === "TooFewReplicas"))
    return t(`autoscaling.conditions.${c.reason}`);
  const known = ["AbleToScale", "ScalingActive", "ScalingLimited"].includes(c.type) && (c.status === "True" || c.status === "False");
  return known ? t(`autoscaling.conditions.${c.type}${c.status as "True" | "False"}` as "autoscaling.conditions.AbleToScaleTrue") : `${c.type}=${c.status}`;
}

/** The autoscaling card of the group page. */
export function GroupAutoscaling({ url, group: g, canWrite }: { url: string; group: GroupDto; canWrite: boolean }) {
  const t = useT();
  const a = g.autoscaling as Autoscaling | null;
  const s = g.autoscalingStatus;
  const off = useRef<HTMLDialogElement>(null);
  return (
    <section className="card space-y-3" aria-labelledby="autoscaling-heading">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="autoscaling-heading" className="text-lg font-semibold">
          {t("autoscaling.title")}
        </h2>
        {canWrite ? (
          <div className="flex gap-2">
            <AutoscalingDialog url={url} group={g} />
            {a ? (
              <ConfirmAction
                label={t("autoscaling.turnOff")}
                dialog={off}
                title={t("autoscaling.turnOffTitle", { name: g.name })}
                message={t("autoscaling.turnOffHelp", { replicas: g.replicas })}
                pendingLabel={t("autoscaling.turningOff")}
                onConfirm={() => apiFetch(`${url}/autoscaling?version=${g.version}`, { method: "DELETE" })}
                invalidate={[url]}
              />
            ) : null}
          </div>
        ) : null}
      </div>
      {a ? (
        <>
          <dl className="grid grid-cols-2 gap-3 text-center sm:grid-cols-4" aria-live="polite">
            {(
              [
                ["min", a.minReplicas],
                ["current", s?.currentReplicas ?? "—"],
                ["desired", s?.desiredReplicas ?? "—"],
                ["max", a.maxReplicas],
              ] as const
            ).map(([k, v]) => (
              <div key={k} className="rounded border border-slate-200 p-2">
                <dt className="text-xs text-slate-500">{t(`autoscaling.${k}`)}</dt>
                <dd className="text-2xl font-semibold tabular-nums" data-testid={`autoscaling-${k}`}>
                  {v}
                </dd>
              </div>
            ))}
          </dl>
          <ul className="space-y-1 text-sm">
            {a.cpuUtilisation !== undefined ? (
              <li>{t("autoscaling.cpuTarget", { current: s?.currentCpuUtilisation ?? "—", target: a.cpuUtilisation })}</li>
            ) : null}
            {a.memoryUtilisation !== undefined ? (
              <li>{t("autoscaling.memoryTarget", { current: s?.currentMemoryUtilisation ?? "—", target: a.memoryUtilisation })}</li>
            ) : null}
            <li>{behaviourText(t, a.behaviour)}</li>
            {s?.lastScaleTime ? (
              <li>
                {t("autoscaling.lastScale")} <Time at={s.lastScaleTime} relative />
              </li>
            ) : null}
          </ul>
          {s && s.conditions.length > 0 ? (
            <ul className="space-y-1 text-sm" aria-label={t("autoscaling.conditionsLabel")}>
              {s.conditions.map((c) => (
                <li key={c.type} className={c.type === "ScalingActive" && c.status === "False" ? "text-red-700" : "text-slate-700"}>
                  {conditionText(t, c)}
                  {c.message ? <span className="block text-xs text-slate-500">{c.message}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">{t("autoscaling.noStatus")}</p>
          )}
        </>
      ) : (
        <p className="text-sm text-slate-600">{t("autoscaling.off")}</p>
      )}
    </section>
  );
}

function behaviourText(t: Translate, b: Autoscaling["behaviour"]): string {
  const w = typeof b === "string" ? AUTOSCALING_PRESETS[b] : b;
  const windows = { up: w.scaleUpStabilisationSeconds, down: w.scaleDownStabilisationSeconds };
  return typeof b === "string"
    ? t("autoscaling.behaviourPreset", { preset: t(`autoscaling.presets.${b}`), ...windows })
    : t("autoscaling.behaviourCustom", windows);
}

/** Turn autoscaling on, or edit it: range, targets (% of request), behaviour (a preset or explicit windows). */
function AutoscalingDialog({ url, group: g }: { url: string; group: GroupDto }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const a = g.autoscaling as Autoscaling | null;
  const [behaviour, setBehaviour] = useState<Behaviour>(behaviourOf(a));
  // The page polls the group: the dialog shows the values of the moment it opened and saves at that version, so
  // a change someone made meanwhile is a 409 (stale_version), not silently replaced (edit-conflict.tsx).
  const [opened, setOpened] = useState(g.version);
  const set = useApiMutation((body: Record<string, unknown>) => apiFetch(`${url}/autoscaling`, { method: "PUT", body }), {
    invalidate: [url],
    onSuccess: () => dialog.current?.close(),
  });
  return (
    <ModalForm
      dialog={dialog}
      trigger={a ? t("autoscaling.edit") : t("autoscaling.turnOn")}
      triggerClass={a ? "btn-secondary" : "btn-primary"}
      title={a ? t("autoscaling.editTitle", { name: g.name }) : t("autoscaling.turnOnTitle", { name: g.name })}
      error={set.error}
      onOpen={() => {
        set.reset();
        setOpened(g.version);
        setBehaviour(behaviourOf(a));
      }}
      onSubmit={() => set.mutate({ ...readAutoscaling(dialog.current!.querySelector("form")!, behaviour), version: opened })}
      submit={
        <button type="submit" className="btn-primary" disabled={set.isPending}>
          {set.isPending ? t("common.saving") : t("common.save")}
        </button>
      }
    >
      <Fragment key={opened}>
        <AutoscalingFields initial={a} replicas={g.replicas} errors={set.fields} prefix="" behaviour={behaviour} onBehaviour={setBehaviour} />
      </Fragment>
      <AskForQuotaLink error={set.error} />
    </ModalForm>
  );
}
