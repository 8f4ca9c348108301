"use client";
// A destructive action asks the person to type the object's name first.
import { useRef, useState } from "react";
import { useT } from "@/lib/client/i18n";
import { useApiMutation } from "@/components/ui/form";
import { ModalForm } from "@/components/ui/modal-form";

export function ConfirmDelete({ name, label, onDelete, onDone }: { name: string; label: string; onDelete: () => Promise<unknown>; onDone: () => void }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState("");
  const del = useApiMutation(onDelete, { onSuccess: onDone });
  return (
    <ModalForm
      dialog={dialog}
      trigger={label}
      triggerClass="btn-danger"
      title={`${label} ${name}`}
      error={del.error}
      onSubmit={() => del.mutate(undefined)}
      submit={
        <button type="submit" className="btn-danger" disabled={typed !== name || del.isPending}>
          {del.isPending ? t("common.deleting") : t("common.delete")}
        </button>
      }
    >
      <p className="text-sm text-slate-600">{t("common.deleteWarning")}</p>
      <label className="block space-y-1 text-sm">
        <span>{t("common.confirmDelete", { name })}</span>
        <input className="input" value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus aria-label={t("common.confirmDelete", { name })} />
      </label>
    </ModalForm>
  );
}
