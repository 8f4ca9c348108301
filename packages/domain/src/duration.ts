/** Parses "90m", "12h", "7d" or "2w" into milliseconds; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d{1,5})([mhdw])$/.exec(text.trim());
  if (!m) return undefined;
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2] as "m" | "h" | "d" | "w"];
  const value = Number(m[1]) * unit;
  return value > 0 ? value : undefined;
}
