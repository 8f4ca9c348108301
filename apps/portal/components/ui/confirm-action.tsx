"use client";
// An action that is hard to take back asks first (Cancel focused, so Enter does not act by accident):
// replacing running pods, changing a role, removing a member, revoking a token, disabling a person,
// scaling to 0, taking many nodes offline. `typed` makes the person type a value (e.g. a count) first.
import { type RefObject, useRef, useState } from "react";
import { useT } from "@/lib/client/i18n";
import { useApiMutation } from "@/components/ui/form";
import { ModalForm } from "@/components/ui/modal-form";

export function ConfirmAction({
  label,
  title,
  message,
  pendingLabel,
  onConfirm,
  invalidate,
  onDone,
  triggerClass,
  danger,
  typed,
  dialog: outer,
  disabled,
  disabledReason,
}: {
  /** The trigger's and the confirm button's label; null: no trigger, the caller opens `dialog` itself. */
  label: string | null;
  title: string;
  message: string;
  pendingLabel: string;
  onConfirm: () => Promise<unknown>;
  /** Query keys to refresh once the action succeeded. */
  invalidate: string[];
  /** Called once the action succeeded, after the refresh. */
  onDone?: () => void;
  triggerClass?: string;
  /** A destructive action: red confirm button. */
  danger?: boolean;
  /** The text the person must type before the action is allowed, e.g. the number of nodes affected. */
  typed?: { value: string; prompt: string };
  /** Lets the caller open the dialog (e.g. scale to 0 from a form's submit). */
  dialog?: RefObject<HTMLDialogElement | null>;
  disabled?: boolean;
  /** Why it is disabled (the trigger's tooltip). */
  disabledReason?: string;
}) {
  const t = useT();
  const own = useRef<HTMLDialogElement>(null);
  const dialog = outer ?? own;
  const [text, setText] = useState("");
  const action = useApiMutation(onConfirm, {
    invalidate,
    onSuccess: () => {
      dialog.current?.close();
      onDone?.();
    },
  });
  return (
    <ModalForm
      dialog={dialog}
      trigger={label}
      triggerClass={triggerClass}
      disabled={disabled}
      disabledReason={disabledReason}
      title={title}
      error={action.error}
      cancelFirst={!typed}
      onOpen={() => {
        action.reset();
        setText("");
      }}
      onSubmit={() => action.mutate(undefined)}
      submit={
        <button type="submit" className={danger ? "btn-danger" : "btn-primary"} disabled={action.isPending || (typed && text.trim() !== typed.value)}>
          {action.isPending ? pendingLabel : (label ?? t("common.confirm"))}
        </button>
      }
    >
      <p className="text-sm text-slate-600">{message}</p>
      {typed ? (
        <label className="block space-y-1 text-sm">
          <span>{typed.prompt}</span>
          <input className="input" value={text} onChange={(e) => setText(e.target.value)} autoFocus inputMode="numeric" autoComplete="off" />
        </label>
      ) : null}
    </ModalForm>
  );
}
