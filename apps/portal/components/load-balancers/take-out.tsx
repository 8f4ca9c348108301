"use client";
// Taking a member group or one pod out of a balancer (it drains first, for up to the drain time asked),
// and putting it back. Out asks first; in acts at once, as it only sends traffic back.
import { useRef, useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { Field, FormError, useApiMutation } from "@/components/ui/form";
import { ModalForm } from "@/components/ui/modal-form";

/** The drain time offered: the API's default (LoadBalancerTakeOut). */
const DEFAULT_DRAIN_SECONDS = 30;

/**
 * "Take out" for the backend at `url` (…/members/{group} or …/pods/{pod}): a dialog asking the drain
 * time, then `POST <url>/out { drainSeconds }`. `lastIn`: it is the last member in, which is allowed
 * but warned of.
 */
export function TakeOut({ name, url, lastIn, invalidate }: { name: string; url: string; lastIn: boolean; invalidate: string[] }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [seconds, setSeconds] = useState(String(DEFAULT_DRAIN_SECONDS));
  const out = useApiMutation((drainSeconds: number | string) => apiFetch(`${url}/out`, { method: "POST", body: { drainSeconds } }), {
    invalidate,
    onSuccess: () => dialog.current?.close(),
  });
  return (
    <ModalForm
      dialog={dialog}
      trigger={t("loadBalancers.takeOut")}
      triggerLabel={t("loadBalancers.takeOutTitle", { name })}
      triggerClass="btn-secondary px-2 py-0.5 text-xs"
      title={t("loadBalancers.takeOutTitle", { name })}
      error={Object.keys(out.fields).length ? null : out.error}
      onOpen={() => {
        out.reset();
        setSeconds(String(DEFAULT_DRAIN_SECONDS));
      }}
      onSubmit={() => out.mutate(seconds.trim() !== "" && Number.isFinite(Number(seconds)) ? Number(seconds) : seconds)}
      submit={
        <button type="submit" className="btn-danger" disabled={out.isPending}>
          {out.isPending ? t("loadBalancers.takingOut") : t("loadBalancers.takeOut")}
        </button>
      }
    >
      <p className="text-sm text-slate-600">{t("loadBalancers.takeOutHelp")}</p>
      {lastIn ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("loadBalancers.takeOutLast")}
        </p>
      ) : null}
      <Field label={t("loadBalancers.drainSeconds")} error={out.fields.drainSeconds}>
        {(p) => <input {...p} type="number" min={0} max={3600} className="input" value={seconds} onChange={(e) => setSeconds(e.target.value)} autoFocus />}
      </Field>
    </ModalForm>
  );
}

/**
 * "Put back" for the backend `name` (a group or pod, which its accessible name says) at `url`:
 * `POST <url>/in`, at once; a refusal is shown beside the button.
 */
export function PutBack({ name, url, invalidate }: { name: string; url: string; invalidate: string[] }) {
  const t = useT();
  const back = useApiMutation(() => apiFetch(`${url}/in`, { method: "POST" }), { invalidate });
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        className="btn-secondary px-2 py-0.5 text-xs"
        aria-label={t("loadBalancers.putBackLabel", { name })}
        disabled={back.isPending}
        onClick={() => back.mutate(undefined)}
      >
        {back.isPending ? t("loadBalancers.puttingBack") : t("loadBalancers.putBack")}
      </button>
      <FormError error={back.error} />
    </span>
  );
}
