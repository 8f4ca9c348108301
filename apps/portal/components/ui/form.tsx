"use client";
// Form helpers: a labelled field that shows the server's reason for that field, and a mutation hook
// that turns an ApiError into per-field messages, both in the reader's language.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useErrorText, useFieldErrorTexts } from "@/lib/client/i18n";
import { AskForQuotaLink } from "@/components/quotas/ask-for-quota-link";

export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy })}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** `fields` without the reasons for each of `paths` and for anything under it ("domains" takes "domains.2"). */
export function withoutFields(fields: Record<string, string>, paths: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => !paths.some((p) => k === p || k.startsWith(`${p}.`))));
}

/**
 * Runs an API call; on failure keeps the message and the field reasons for the form to show.
 * `clearFields(paths)` drops the reasons of fields being changed again (withoutFields); once every
 * refused field is changed, the refusal's message (`error`) goes too, as it only listed them.
 */
export function useApiMutation<I, O>(call: (input: I) => Promise<O>, opts: { onSuccess?: (o: O) => void; invalidate?: string[] } = {}) {
  const client = useQueryClient();
  const fieldTexts = useFieldErrorTexts();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [allCleared, setAllCleared] = useState(false);
  const mutation = useMutation({
    mutationFn: call,
    onMutate: () => (setFields({}), setAllCleared(false)),
    onError: (e) => setFields(fieldTexts(e)),
    onSuccess: async (o) => {
      await Promise.all((opts.invalidate ?? []).map((key) => client.invalidateQueries({ queryKey: [key] })));
      opts.onSuccess?.(o);
    },
  });
  const clearFields = (paths: string[]) => {
    if (Object.keys(fields).length === 0) return;
    const left = withoutFields(fields, paths);
    if (Object.keys(left).length === Object.keys(fields).length) return;
    setFields(left);
    if (Object.keys(left).length === 0) setAllCleared(true);
  };
  return { ...mutation, error: allCleared ? null : mutation.error, fields, clearFields };
}

/** The server's refusal (or any failure) of a form, in the reader's language. */
export function FormError({ error }: { error: Error | null }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {text(error)}
      <AskForQuotaLink error={error} />
    </p>
  );
}

/** Reads a form's named inputs into an object, dropping empty optional strings. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  return Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v)]));
}
