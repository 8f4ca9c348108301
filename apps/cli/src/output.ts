// How answers are printed: `-o table` (aligned columns as kubectl prints them: upper-case headers, NAME
// first, three spaces between columns), `-o json` and `-o yaml` (the API's objects as they came).
import { createRequire } from "node:module";
import type * as Yaml from "yaml";

export const OUTPUTS = ["table", "json", "yaml"] as const;
export type Output = (typeof OUTPUTS)[number];

/** One column of a table: its header (upper-case) and the cell of a row. */
export interface Column<T> {
  header: string;
  cell: (row: T) => string | number | boolean | null | undefined;
}

/**
 * Rows as aligned columns: each column as wide as its widest cell, three spaces apart (kubectl's
 * tabwriter padding), no trailing spaces; null and undefined as "<none>", as kubectl shows them.
 */
export function table<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const cells = [columns.map((c) => c.header.toUpperCase()), ...rows.map((r) => columns.map((c) => cellText(c.cell(r))))];
  const widths = columns.map((_, i) => Math.max(...cells.map((row) => width(row[i]!))));
  return cells
    .map(
      (row) =>
        row
          .map((cell, i) => (i === row.length - 1 ? cell : cell + " ".repeat(widths[i]! - width(cell) + 3)))
          .join("")
          .trimEnd() + "\n",
    )
    .join("");
}

/** Label and value lines (a single object's table form), the labels aligned: `Name:       web`. */
export function fields(pairs: readonly [string, string | number | boolean | null | undefined][]): string {
  const w = Math.max(...pairs.map(([k]) => k.length)) + 1;
  return pairs.map(([k, v]) => `${`${k}:`.padEnd(w)}   ${cellText(v)}`.trimEnd() + "\n").join("");
}

const cellText = (v: string | number | boolean | null | undefined) =>
  v === null || v === undefined || v === "" ? "<none>" : String(v).replace(/[\r\n\t]+/g, " ");

/** Columns a terminal gives a character: two for East Asian wide ones (a display name in Chinese), so columns stay aligned. */
function width(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return n;
}

/** JSON (two-space indented) or YAML of a value, ending with a newline. */
export function serialise(value: unknown, output: "json" | "yaml"): string {
  if (output === "json") return JSON.stringify(value, null, 2) + "\n";
  // Loaded only when asked for: every command starts faster without it.
  const yaml = createRequire(import.meta.url)("yaml") as typeof Yaml;
  return yaml.stringify(value);
}

/**
 * How long ago an ISO 8601 time was, as kubectl's AGE column says it (apimachinery's HumanDuration,
 * shortened): "45s", "5m", "3h", "2d", "1y".
 */
export function age(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "<unknown>";
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (Number.isNaN(s)) return "<unknown>";
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  return d < 365 * 2 ? `${d}d` : `${Math.floor(d / 365)}y`;
}
