// resource.Quantity parsing. Values are kept as plain numbers (cpu in millicores, others in base units).
const SUFFIX: Record<string, number> = {
  "": 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  Ei: 1024 ** 6,
};

export function parseQuantity(q: string | number | undefined): number {
  if (q === undefined || q === null || q === "") return 0;
  if (typeof q === "number") return q;
  // resource.Quantity's grammar: a signed decimal, then a binary or decimal SI suffix or an exponent.
  const m = String(q)
    .trim()
    .match(/^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/);
  if (!m) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
  return parseFloat(m[1]) * SUFFIX[m[2] ?? ""];
}

export const isValidQuantity = (q: unknown) => {
  try {
    parseQuantity(q as string);
    return true;
  } catch {
    return false;
  }
};

/** Canonical-ish formatting used in messages/status: cpu as millicores when fractional, memory in Mi/Gi. */
export function formatQuantity(name: string, v: number): string {
  if (name.endsWith("cpu")) return Number.isInteger(v) ? String(v) : `${Math.round(v * 1000)}m`;
  if (name.endsWith("memory") || name.endsWith("storage")) {
    for (const [s, f] of [
      ["Gi", 1024 ** 3],
      ["Mi", 1024 ** 2],
      ["Ki", 1024],
    ] as const)
      if (v % f === 0 && v >= f) return `${v / f}${s}`;
  }
  return String(v);
}
