// Kubernetes resource quantities for CPU and memory, kept as whole millicores and MiB in the database.

const CPU = /^(\d+(?:\.\d{1,3})?)(m?)$/;
const MEMORY = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|K|M|G|T)?$/;
const MIB: Record<string, number> = { "": 1 / 1048576, Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1048576, K: 1000 / 1048576, M: 1e6 / 1048576, G: 1e9 / 1048576, T: 1e12 / 1048576 };

/** "500m" → 500, "2" → 2000, "1.5" → 1500; undefined when it is not a CPU quantity. */
export function parseCpu(q: string): number | undefined {
  const m = CPU.exec(q.trim());
  if (!m) return undefined;
  if (m[2] === "m") return Number.isInteger(Number(m[1])) ? Number(m[1]) : undefined;
  return Math.round(Number(m[1]) * 1000); // at most three decimals, so this is exact ("1.001" → 1001)
}

/** "512Mi" → 512, "2Gi" → 2048; rounds up to whole MiB; undefined when it is not a memory quantity. */
export function parseMemory(q: string): number | undefined {
  const m = MEMORY.exec(q.trim());
  if (!m) return undefined;
  return Math.ceil(Number(m[1]) * MIB[m[2] ?? ""]!);
}

export const formatCpu = (millis: number) => (millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`);
export const formatMemory = (mib: number) => (mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`);
