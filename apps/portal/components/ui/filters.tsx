"use client";
// A list's filter controls: known values (statuses, data centres, clusters, zones) are choices, never free
// text. Their values go in the list's `filters`, which keeps them in the URL (paged-list.tsx).
import { useId } from "react";

/** A choice among known values, with an "all" option that clears the filter (value ""). */
export function SelectFilter({
  label,
  value,
  onChange,
  options,
  all,
}: {
  label: string;
  value: string | undefined;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  /** The label of the empty choice ("All statuses" …). */
  all: string;
}) {
  // Labelled by id, not by wrapping: a wrapping <label>'s text would take in every option's.
  const id = useId();
  return (
    <div className="space-y-1 text-sm">
      <label htmlFor={id} className="block text-slate-600">
        {label}
      </label>
      <select id={id} className="input" value={value ?? ""} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A yes/no filter ("mine only"): "true" when checked, cleared otherwise. */
export function CheckFilter({ label, value, onChange }: { label: string; value: string | undefined; onChange: (value: string) => void }) {
  return (
    <label className="flex items-center gap-2 pb-2 text-sm">
      <input type="checkbox" checked={value === "true"} onChange={(e) => onChange(e.target.checked ? "true" : "")} />
      {label}
    </label>
  );
}
