"use client";
// Asks for a reason before moving nodes to another status, in a modal <dialog>; OFFLINE warns of the drain.
import type { NodeStatus } from "@capstan/domain";
import { useRef, useState } from "react";
import { useT } from "@/lib/client/i18n";
import { Field, FormError, useApiMutation } from "./form";

export function TransitionDialog({
  label,
  title,
  to,
  disabled,
  onConfirm,
  onDone,
}: {
  label: string;
  title: string;
  to: NodeStatus;
  disabled?: boolean;
  onConfirm: (reason: string) => Promise<unknown>;
  onDone: (result: unknown) => void;
}) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState("");
  const move = useApiMutation(onConfirm, {
    onSuccess: (r) => {
      dialog.current?.close();
      setReason("");
      onDone(r);
    },
  });
  return (
    <>
      <button type="button" className="btn-secondary" disabled={disabled} onClick={() => dialog.current?.showModal()}>
        {label}
      </button>
      <dialog ref={dialog} className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40" aria-label={title}>
        <form
          method="dialog"
          className="space-y-4 p-5"
          onSubmit={(e) => {
            e.preventDefault();
            move.mutate(reason);
          }}
        >
          <h2 className="text-lg font-semibold">{title}</h2>
          {to === "OFFLINE" ? <p className="text-sm text-amber-800">{t("nodes.confirmDrain")}</p> : null}
          <Field label={t("nodes.reason")} hint={t("nodes.reasonHint")} error={move.fields.reason}>
            {(p) => <input {...p} className="input" value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} autoFocus />}
          </Field>
          <FormError error={move.error} />
          <div className="flex justify-end gap-2">
            <button type="button" className="btn-secondary" onClick={() => dialog.current?.close()}>
              {t("common.cancel")}
            </button>
            <button type="submit" className="btn-primary" disabled={!reason.trim() || move.isPending}>
              {move.isPending ? t("nodes.moving") : t("nodes.confirm")}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
