"use client";
// An action that replaces running pods asks first (Cancel focused, so Enter does not act by accident).
import { useRef } from "react";
import { useApiMutation } from "./form";
import { ModalForm } from "./modal-form";

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
  const dialog = useRef<HTMLDialogElement>(null);
  const action = useApiMutation(onConfirm, { invalidate, onSuccess: () => dialog.current?.close() });
  return (
    <ModalForm
      dialog={dialog}
      trigger={label}
      title={title}
      error={action.error}
      cancelFirst
      onOpen={() => action.reset()}
      onSubmit={() => action.mutate(undefined)}
      submit={
        <button type="submit" className="btn-primary" disabled={action.isPending}>
          {action.isPending ? pendingLabel : label}
        </button>
      }
    >
      <p className="text-sm text-slate-600">{message}</p>
    </ModalForm>
  );
}
