// What changed between two revisions of a group's spec, field by field, for the release history.

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** The top-level fields whose values differ, in `after`'s field order. Key order inside values does not count. */
export function specChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const fields = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return fields.filter((f) => canonical(before[f]) !== canonical(after[f])).map((f) => ({ field: f, from: before[f] ?? null, to: after[f] ?? null }));
}

// Stored specs are jsonb, which reorders object keys: compare with keys sorted.
const canonical = (value: unknown) =>
  JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
