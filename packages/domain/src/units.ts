// Amounts as people read them on a page. Kubernetes quantities (formatCpu, formatMemory in quantity.ts)
// stay for manifests and forms, where "1830800Mi" is exact; pages show "1.7 TiB".

const MEMORY_UNITS = ["MiB", "GiB", "TiB", "PiB"] as const;

/** At most `decimals` decimals, none when they are 0: 1.75 → "1.8" (one), 2 → "2". */
const rounded = (x: number, decimals = 1) => String(Number(x.toFixed(decimals)));

/**
 * Memory given in MiB, in the largest binary unit (IEC 80000-13: MiB, GiB, TiB, PiB) in which it is at
 * least 1, with at most one decimal: 512 → "512 MiB", 1536 → "1.5 GiB", 1830800 → "1.7 TiB", 0 → "0 MiB".
 * Negative amounts (a quota lowered below use) keep their sign. Sentences ask for two decimals
 * (readableAmount: 1792 → "1.75 GiB").
 */
export function readableMemory(mib: number, decimals = 1): string {
  let x = Math.abs(mib);
  let unit = 0;
  while (x >= 1024 && unit < MEMORY_UNITS.length - 1) {
    x /= 1024;
    unit++;
  }
  return `${mib < 0 ? "-" : ""}${rounded(x, decimals)} ${MEMORY_UNITS[unit]}`;
}

/**
 * CPU given in millicores, in Kubernetes' notation: below one core in millicores ("250m"), from one core
 * in cores with at most two decimals ("1.5", "64"), the unit then being the column's or label's "CPU".
 */
export function readableCpu(millis: number): string {
  return Math.abs(millis) < 1000 ? `${millis}m` : String(Number((millis / 1000).toFixed(2)));
}

/**
 * CPU given in millicores, with its unit, for sentences: below one core in millicores ("250 millicores"),
 * from one core in cores, exactly (a millicore is the finest step: "1 core", "2.5 cores", "1.501 cores");
 * nothing as "0 cores".
 */
export function readableCores(millis: number): string {
  if (millis !== 0 && Math.abs(millis) < 1000) return `${millis} ${Math.abs(millis) === 1 ? "millicore" : "millicores"}`;
  const cores = millis / 1000;
  return `${cores} ${cores === 1 ? "core" : "cores"}`;
}

/**
 * The units in which amounts travel as numbers (an error's params, docs/errors.md): CPU in millicores,
 * memory in MiB, GPUs and instances as counts; the units the database keeps them in (quota.ts).
 */
export const AMOUNT_UNITS = ["millicores", "MiB", "count"] as const;
export type AmountUnit = (typeof AMOUNT_UNITS)[number];

export const isAmountUnit = (u: unknown): u is AmountUnit => typeof u === "string" && (AMOUNT_UNITS as readonly string[]).includes(u);

/** An amount given in `unit`, for an English sentence: "2.5 cores", "250 millicores", "1.75 GiB", "3". */
export function readableAmount(unit: AmountUnit, n: number): string {
  if (unit === "millicores") return readableCores(n);
  if (unit === "MiB") return readableMemory(n, 2);
  return String(n);
}
