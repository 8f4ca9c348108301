"use client";
// A new secret, shown once: a modal with a warning, the secret, a copy button and whatever the caller
// adds (how to use it). Capstan keeps no copy the browser could read again, so closing it (the button or
// Escape) forgets it.
import { type ReactNode, type Ref, useId } from "react";
import { CopyButton } from "@/components/ui/copy-button";

/**
 * The dialog that shows a secret once. The caller opens it (`ref.current.showModal()`) after setting
 * `secret`, and clears `secret` in `onClose` so the value leaves memory. `testId` marks the secret's
 * element for tests.
 */
export function SecretDialog({
  ref,
  secret,
  title,
  warning,
  closeLabel,
  onClose,
  testId,
  children,
}: {
  ref: Ref<HTMLDialogElement>;
  secret: string | null;
  title: string;
  warning: string;
  closeLabel: string;
  onClose: () => void;
  testId?: string;
  children?: ReactNode;
}) {
  const titleId = useId();
  return (
    <dialog ref={ref} className="m-auto w-full max-w-lg rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40" aria-labelledby={titleId} onClose={onClose}>
      {secret ? (
        <form
          method="dialog"
          className="space-y-3 p-5"
          // Closed by hand: clearing the secret on submit would unmount this form before the browser's own
          // method="dialog" close, leaving an empty modal over the page. The dialog's close event clears it.
          onSubmit={(e) => {
            e.preventDefault();
            e.currentTarget.closest("dialog")?.close();
          }}
        >
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-2 text-sm">
            {warning}
          </p>
          <code data-testid={testId} className="block rounded bg-slate-100 p-2 text-sm break-all">
            {secret}
          </code>
          <CopyButton text={secret} label={title} />
          {children}
          <div className="flex justify-end">
            <button type="submit" className="btn-primary">
              {closeLabel}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
