// Amounts as people read them on a page. Kubernetes quantities (formatCpu, formatMemory in quantity.ts)
// stay for manifests and forms, where "1830800Mi" is exact; pages show "1.7 TiB".

const MEMORY_UNITS = ["MiB", "GiB", "TiB", "PiB"] as const;

/** At most one decimal, none when it is .0: 1.75 → "1.8", 2 → "2". */
const oneDecimal = (x: number) => String(Number(x.toFixed(1)));

/**
 * Memory given in MiB, in the largest binary unit (IEC 80000-13: MiB, GiB, TiB, PiB) in which it is at
 * least 1, with at most one decimal: 512 → "512 MiB", 1536 → "1.5 GiB", 1830800 → "1.7 TiB", 0 → "0 MiB".
 * Negative amounts (a quota lowered below use) keep their sign.
 */
export function readableMemory(mib: number): string {
  let x = Math.abs(mib);
  let unit = 0;
  while (x >= 1024 && unit < MEMORY_UNITS.length - 1) {
    x /= 1024;
    unit++;
  }
  return `${mib < 0 ? "-" : ""}${oneDecimal(x)} ${MEMORY_UNITS[unit]}`;
}

/**
 * CPU given in millicores, in Kubernetes' notation: below one core in millicores ("250m"), from one core
 * in cores with at most two decimals ("1.5", "64"), the unit then being the column's or label's "CPU".
 */
export function readableCpu(millis: number): string {
  return Math.abs(millis) < 1000 ? `${millis}m` : String(Number((millis / 1000).toFixed(2)));
}
