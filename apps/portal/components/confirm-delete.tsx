"use client";
// A destructive action asks the person to type the object's name, in a modal <dialog> (focus trapped,
// Escape closes it).
import { useRef, useState } from "react";
import { useT } from "@/lib/client/i18n";
import { FormError, useApiMutation } from "./form";

export function ConfirmDelete({ name, label, onDelete, onDone }: { name: string; label: string; onDelete: () => Promise<unknown>; onDone: () => void }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState("");
  const del = useApiMutation(onDelete, { onSuccess: onDone });
  return (
    <>
      <button type="button" className="btn-danger" onClick={() => dialog.current?.showModal()}>
        {label}
      </button>
      <dialog ref={dialog} className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40" aria-labelledby="confirm-title">
        <form
          method="dialog"
          className="space-y-4 p-5"
          onSubmit={(e) => {
            e.preventDefault();
            del.mutate(undefined);
          }}
        >
          <h2 id="confirm-title" className="text-lg font-semibold">
            {label} {name}
          </h2>
          <p className="text-sm text-slate-600">{t("common.deleteWarning")}</p>
          <label className="block space-y-1 text-sm">
            <span>{t("common.confirmDelete", { name })}</span>
            <input className="input" value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus aria-label={t("common.confirmDelete", { name })} />
          </label>
          <FormError error={del.error} />
          <div className="flex justify-end gap-2">
            <button type="button" className="btn-secondary" onClick={() => dialog.current?.close()}>
              {t("common.cancel")}
            </button>
            <button type="submit" className="btn-danger" disabled={typed !== name || del.isPending}>
              {del.isPending ? t("common.deleting") : t("common.delete")}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
