"use client";
// The fields of a group's autoscaling (docs/autoscaling.md), shared by the new-group form and the group page's
// autoscaling dialog: range, targets (% of the pods' requests), behaviour (a preset or explicit windows), and
// the note that the quota holds the group at its maximum. The API validates (GroupAutoscaling); the inputs
// carry its bounds so the browser refuses what the API would, and the API's reasons show under each field.
import { AUTOSCALING_PRESET_NAMES, AUTOSCALING_PRESETS, type Autoscaling, MAX_AUTOSCALED_REPLICAS, MAX_STABILISATION_SECONDS } from "@capstan/domain";
import { useT } from "@/lib/client/i18n";
import { Field } from "@/components/ui/form";

/** A preset name, or "custom" for explicit stabilisation windows. */
export type Behaviour = (typeof AUTOSCALING_PRESET_NAMES)[number] | "custom";

/** The behaviour choice a stored autoscaling opens with ("default" when there is none). */
export const behaviourOf = (a: Autoscaling | null): Behaviour => (typeof a?.behaviour === "object" ? "custom" : (a?.behaviour ?? "default"));

/**
 * The autoscaling the fields hold, as the API takes it: numbers (undefined where a field is empty, so the
 * API names it), the behaviour a preset name or `{ scaleUpStabilisationSeconds, scaleDownStabilisationSeconds }`.
 */
export function readAutoscaling(form: HTMLFormElement, behaviour: Behaviour) {
  const f = new FormData(form);
  const num = (k: string) => {
    const v = String(f.get(k) ?? "").trim();
    return v === "" ? undefined : Number(v);
  };
  return {
    minReplicas: num("minReplicas"),
    maxReplicas: num("maxReplicas"),
    cpuUtilisation: num("cpuUtilisation"),
    memoryUtilisation: num("memoryUtilisation"),
    behaviour: behaviour === "custom" ? { scaleUpStabilisationSeconds: num("scaleUp"), scaleDownStabilisationSeconds: num("scaleDown") } : behaviour,
  };
}

/**
 * `initial`: the group's autoscaling, or null for the defaults (min `replicas`, max twice that, CPU 70 %);
 * `errors`: the API's field reasons, keyed by path; `prefix`: where these fields sit in the request
 * ("autoscaling." in a new group's, "" in the autoscaling PUT); the behaviour is the caller's state, as it
 * decides which fields show.
 */
export function AutoscalingFields({
  initial,
  replicas,
  errors,
  prefix,
  behaviour,
  onBehaviour,
}: {
  initial: Autoscaling | null;
  replicas: number;
  errors: Record<string, string>;
  prefix: string;
  behaviour: Behaviour;
  onBehaviour: (b: Behaviour) => void;
}) {
  const t = useT();
  const error = (k: string) => errors[`${prefix}${k}`];
  const windows = typeof initial?.behaviour === "object" ? initial.behaviour : AUTOSCALING_PRESETS.default;
  return (
    <>
      <p className="text-sm text-slate-600">{t("autoscaling.quotaHelp")}</p>
      <div className="grid grid-cols-2 gap-3">
        <Field label={t("fields.minReplicas")} error={error("minReplicas")}>
          {(p) => (
            <input
              {...p}
              name="minReplicas"
              type="number"
              min={1}
              max={MAX_AUTOSCALED_REPLICAS}
              required
              defaultValue={initial?.minReplicas ?? Math.max(1, replicas)}
              className="input"
            />
          )}
        </Field>
        <Field label={t("fields.maxReplicas")} error={error("maxReplicas")}>
          {(p) => (
            <input
              {...p}
              name="maxReplicas"
              type="number"
              min={1}
              max={MAX_AUTOSCALED_REPLICAS}
              required
              defaultValue={initial?.maxReplicas ?? Math.max(2, replicas * 2)}
              className="input"
            />
          )}
        </Field>
        <Field label={t("fields.cpuUtilisation")} error={error("cpuUtilisation")}>
          {(p) => <input {...p} name="cpuUtilisation" type="number" min={1} max={200} defaultValue={initial ? initial.cpuUtilisation : 70} className="input" />}
        </Field>
        <Field label={t("fields.memoryUtilisation")} error={error("memoryUtilisation")}>
          {(p) => <input {...p} name="memoryUtilisation" type="number" min={1} max={200} defaultValue={initial?.memoryUtilisation} className="input" />}
        </Field>
      </div>
      <Field label={t("fields.autoscalingBehaviour")} error={error("behaviour")} hint={t(`autoscaling.presetHelp.${behaviour}`)}>
        {(p) => (
          <select {...p} name="behaviour" className="input" value={behaviour} onChange={(e) => onBehaviour(e.target.value as Behaviour)}>
            {[...AUTOSCALING_PRESET_NAMES, "custom" as const].map((b) => (
              <option key={b} value={b}>
                {t(`autoscaling.presets.${b}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {behaviour === "custom" ? (
        <div className="grid grid-cols-2 gap-3">
          <Field label={t("fields.scaleUpStabilisationSeconds")} error={error("behaviour.scaleUpStabilisationSeconds")}>
            {(p) => (
              <input
                {...p}
                name="scaleUp"
                type="number"
                min={0}
                max={MAX_STABILISATION_SECONDS}
                required
                defaultValue={windows.scaleUpStabilisationSeconds}
                className="input"
              />
            )}
          </Field>
          <Field label={t("fields.scaleDownStabilisationSeconds")} error={error("behaviour.scaleDownStabilisationSeconds")}>
            {(p) => (
              <input
                {...p}
                name="scaleDown"
                type="number"
                min={0}
                max={MAX_STABILISATION_SECONDS}
                required
                defaultValue={windows.scaleDownStabilisationSeconds}
                className="input"
              />
            )}
          </Field>
        </div>
      ) : null}
    </>
  );
}
