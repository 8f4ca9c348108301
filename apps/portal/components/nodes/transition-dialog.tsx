"use client";
// Asks for a reason before moving nodes to another status; OFFLINE warns of the drain and offers kubectl
// drain's two options, each with what it costs, unticked by default; taking more than a handful offline
// asks for their number typed (needsTypedCount).
import { needsTypedCount, type NodeStatus } from "@capstan/domain";
import { useRef, useState } from "react";
import { useT } from "@/lib/client/i18n";
import { Field, useApiMutation } from "@/components/ui/form";
import { ModalForm } from "@/components/ui/modal-form";

/** What the dialog sends: the reason, and for OFFLINE the drain options (false unless ticked). */
export interface TransitionInput {
  reason: string;
  force?: boolean;
  deleteEmptyDirData?: boolean;
}

export function TransitionDialog({
  label,
  title,
  to,
  count,
  disabled,
  onConfirm,
  onDone,
}: {
  label: string;
  title: string;
  to: NodeStatus;
  /** How many nodes move. */
  count: number;
  disabled?: boolean;
  onConfirm: (input: TransitionInput) => Promise<unknown>;
  onDone: (result: unknown) => void;
}) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState("");
  const [force, setForce] = useState(false);
  const [deleteEmptyDirData, setDeleteEmptyDirData] = useState(false);
  const [typed, setTyped] = useState("");
  const move = useApiMutation(onConfirm, {
    onSuccess: (r) => {
      dialog.current?.close();
      setReason("");
      setForce(false);
      setDeleteEmptyDirData(false);
      setTyped("");
      onDone(r);
    },
  });
  const drain = to === "OFFLINE";
  const typeCount = needsTypedCount(to, count);
  return (
    <ModalForm
      dialog={dialog}
      trigger={label}
      disabled={disabled}
      title={title}
      error={move.error}
      onSubmit={() => move.mutate(drain ? { reason, force, deleteEmptyDirData } : { reason })}
      submit={
        <button type="submit" className="btn-primary" disabled={!reason.trim() || (typeCount && typed.trim() !== String(count)) || move.isPending}>
          {move.isPending ? t("nodes.moving") : t("nodes.confirm")}
        </button>
      }
    >
      {drain ? (
        <>
          <p className="text-sm text-amber-800">{t("nodes.confirmDrain")}</p>
          <WarnedCheckbox checked={force} onChange={setForce} label={t("nodes.force")} warning={t("nodes.forceWarning")} />
          <WarnedCheckbox
            checked={deleteEmptyDirData}
            onChange={setDeleteEmptyDirData}
            label={t("nodes.deleteEmptyDirData")}
            warning={t("nodes.deleteEmptyDirDataWarning")}
          />
        </>
      ) : null}
      <Field label={t("nodes.reason")} hint={t("nodes.reasonHint")} error={move.fields.reason}>
        {(p) => <input {...p} className="input" value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} autoFocus />}
      </Field>
      {typeCount ? (
        <Field label={t("nodes.typeCount", { count })}>
          {(p) => <input {...p} className="input" value={typed} onChange={(e) => setTyped(e.target.value)} inputMode="numeric" autoComplete="off" required />}
        </Field>
      ) : null}
    </ModalForm>
  );
}

/** A drain option ops must choose on purpose: a checkbox with its consequence spelled out below it. */
function WarnedCheckbox({ checked, onChange, label, warning }: { checked: boolean; onChange: (checked: boolean) => void; label: string; warning: string }) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" className="mt-1" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>
        {label}
        <span className="block text-xs text-red-800">{warning}</span>
      </span>
    </label>
  );
}
