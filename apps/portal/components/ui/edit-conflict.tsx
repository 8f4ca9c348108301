"use client";
// Edits that start from what the page showed. A page polls its resource, so the version it holds moves on
// while someone types; saving with that version would silently write the typed form (every field of it, as
// read before the other change) over another user's change. An edit therefore keeps the version it started
// from (useEditBase): a save after someone else's change is the API's 409 stale_version, and the form says
// so (SaveError), offering to reload (drop this edit, show theirs) or to keep this edit on top of theirs.
import { useState } from "react";
import { ApiError } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { FormError } from "./form";

/**
 * The version an edit of a resource at `current` (its polled version) saves with: `current` until `start()`
 * (the first change typed), then the version seen at that moment until `reset()` (saved or cancelled) or
 * `rebase(version)` (keep this edit on top of the newer `version`, SaveError's merge choice).
 */
export function useEditBase(current: number) {
  const [base, setBase] = useState<number | null>(null);
  return {
    version: base ?? current,
    /** Whether an edit is under way (started and not yet saved or cancelled). */
    started: base !== null,
    start: () => setBase((b) => b ?? current),
    rebase: (version: number) => setBase(version),
    reset: () => setBase(null),
  };
}

/** Whether `error` is the API's refusal of a save made at an old version (reason stale_version). */
export const isEditConflict = (error: Error | null): boolean => error instanceof ApiError && error.reason === "stale_version";

/**
 * A save's failure: for a stale version, what happened and the two ways on: `onReload` (drop this edit and
 * show the current values) and `onKeep` (keep the values typed and save them over the current version
 * with the next Save); any other failure as FormError shows it.
 */
export function SaveError({ error, onReload, onKeep }: { error: Error | null; onReload: () => void; onKeep: () => void }) {
  const t = useT();
  if (!isEditConflict(error)) return <FormError error={error} />;
  return (
    <div role="alert" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <p>{t("common.editConflict")}</p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-secondary px-2 py-0.5 text-xs" onClick={onReload}>
          {t("common.editConflictReload")}
        </button>
        <button type="button" className="btn-secondary px-2 py-0.5 text-xs" onClick={onKeep}>
          {t("common.editConflictKeep")}
        </button>
      </div>
    </div>
  );
}
