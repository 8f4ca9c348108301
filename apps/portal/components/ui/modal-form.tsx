"use client";
// The one shape of every confirmation: a button that opens a modal <dialog> (focus trapped, Escape
// closes it) holding a form with a title, its fields, the server's error, Cancel and a submit button.
import { type RefObject, useEffect, useId, useState } from "react";
import { useT } from "@/lib/client/i18n";
import { FormError } from "@/components/ui/form";

export function ModalForm({
  dialog,
  trigger,
  triggerLabel,
  triggerClass = "btn-secondary",
  disabled,
  disabledReason,
  title,
  error,
  submit,
  cancelFirst,
  onOpen,
  onSubmit,
  children,
}: {
  dialog: RefObject<HTMLDialogElement | null>;
  /** The button that opens the dialog; null when the caller opens `dialog` itself. */
  trigger: string | null;
  /** The trigger's accessible name when its text alone does not say what it acts on ("Take web-dc2 out"). */
  triggerLabel?: string;
  triggerClass?: string;
  disabled?: boolean;
  /** Why the trigger is disabled, shown as its tooltip. */
  disabledReason?: string;
  title: React.ReactNode;
  error: Error | null;
  /** The submit button, with its own label, style and disabled state. */
  submit: React.ReactNode;
  /** Focus Cancel when the form has no field, so Enter does not act by accident. */
  cancelFirst?: boolean;
  onOpen?: () => void;
  onSubmit: () => void;
  children?: React.ReactNode;
}) {
  const t = useT();
  const titleId = useId();
  // The form is rendered only while the dialog is open, so a closed dialog's text (a title naming the
  // member or token it acts on) is not in the page. The dialog's `open` attribute is the truth, whether the
  // trigger, the caller (dialog.current.showModal()) or Escape changed it.
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    const watch = new MutationObserver(() => setOpen(d.open));
    watch.observe(d, { attributes: true, attributeFilter: ["open"] });
    // A click during hydration is replayed before this effect runs, so the dialog may already be open
    // with nothing observed yet: an open dialog without its form, which CI once caught. Read it now.
    setOpen(d.open);
    return () => watch.disconnect();
  }, [dialog]);
  return (
    <>
      {trigger === null ? null : (
        <button
          type="button"
          className={triggerClass}
          aria-label={triggerLabel}
          disabled={disabled}
          title={disabled ? disabledReason : undefined}
          onClick={() => {
            onOpen?.();
            dialog.current?.showModal();
          }}
        >
          {trigger}
        </button>
      )}
      <dialog ref={dialog} className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40" aria-labelledby={titleId}>
        {open ? (
          <form
            method="dialog"
            className="space-y-4 p-5"
            onSubmit={(e) => {
              e.preventDefault();
              onSubmit();
            }}
          >
            <h2 id={titleId} className="text-lg font-semibold">
              {title}
            </h2>
            {children}
            <FormError error={error} />
            <div className="flex justify-end gap-2">
              <button type="button" className="btn-secondary" onClick={() => dialog.current?.close()} autoFocus={cancelFirst}>
                {t("common.cancel")}
              </button>
              {submit}
            </div>
          </form>
        ) : null}
      </dialog>
    </>
  );
}
