"use client";
// An action that replaces running pods asks first, in a modal <dialog> (focus trapped, Escape closes it,
// Cancel focused so Enter does not act by accident).
import { useId, useRef } from "react";
import { useT } from "@/lib/client/i18n";
import { FormError, useApiMutation } from "./form";

export function ConfirmAction({
  label,
  title,
  message,
  pendingLabel,
  onConfirm,
  invalidate,
}: {
  label: string;
  title: string;
  message: string;
  pendingLabel: string;
  onConfirm: () => Promise<unknown>;
  /** Query keys to refresh once the action succeeded. */
  invalidate: string[];
}) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const action = useApiMutation(onConfirm, { invalidate, onSuccess: () => dialog.current?.close() });
  return (
    <>
      <button
        type="button"
        className="btn-secondary"
        onClick={() => {
          action.reset();
          dialog.current?.showModal();
        }}
      >
        {label}
      </button>
      <dialog ref={dialog} className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40" aria-labelledby={titleId}>
        <form
          method="dialog"
          className="space-y-4 p-5"
          onSubmit={(e) => {
            e.preventDefault();
            action.mutate(undefined);
          }}
        >
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          <p className="text-sm text-slate-600">{message}</p>
          <FormError error={action.error} />
          <div className="flex justify-end gap-2">
            <button type="button" className="btn-secondary" onClick={() => dialog.current?.close()} autoFocus>
              {t("common.cancel")}
            </button>
            <button type="submit" className="btn-primary" disabled={action.isPending}>
              {action.isPending ? pendingLabel : label}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
