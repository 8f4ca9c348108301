"use client";
import { useState } from "react";
import { useT } from "@/lib/client/i18n";

/** Shows read-only details, or the edit form after "Edit" is pressed. */
export function EditToggle({ view, form }: { view: React.ReactNode; form: React.ReactNode }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  return editing ? (
    <div className="space-y-2">
      {form}
      <button type="button" className="link text-sm" onClick={() => setEditing(false)}>
        {t("common.cancel")}
      </button>
    </div>
  ) : (
    <div className="card space-y-3">
      {view}
      <button type="button" className="btn-secondary" onClick={() => setEditing(true)}>
        {t("common.edit")}
      </button>
    </div>
  );
}
