"use client";
// Asks for a reason before moving nodes to another status; OFFLINE warns of the drain.
import type { NodeStatus } from "@capstan/domain";
import { useRef, useState } from "react";
import { useT } from "@/lib/client/i18n";
import { Field, useApiMutation } from "./form";
import { ModalForm } from "./modal-form";

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
    <ModalForm
      dialog={dialog}
      trigger={label}
      disabled={disabled}
      title={title}
      error={move.error}
      onSubmit={() => move.mutate(reason)}
      submit={
        <button type="submit" className="btn-primary" disabled={!reason.trim() || move.isPending}>
          {move.isPending ? t("nodes.moving") : t("nodes.confirm")}
        </button>
      }
    >
      {to === "OFFLINE" ? <p className="text-sm text-amber-800">{t("nodes.confirmDrain")}</p> : null}
      <Field label={t("nodes.reason")} hint={t("nodes.reasonHint")} error={move.fields.reason}>
        {(p) => <input {...p} className="input" value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} autoFocus />}
      </Field>
    </ModalForm>
  );
}
