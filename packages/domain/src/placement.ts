// Which cluster of a data centre a new group goes to, when the developer does not pin one.

export interface ClusterCapacity {
  name: string;
  healthy: boolean;
  /** Free allocatable CPU (millicores) and memory (MiB) over nodes that match the group's zone and labels. */
  freeCpuMillis: number;
  freeMemoryMiB: number;
}

/** The healthy cluster with the most free CPU that fits the whole group; else the healthy one with the most. */
export function chooseCluster(candidates: ClusterCapacity[], need: { cpuMillis: number; memoryMiB: number }): string | undefined {
  const healthy = candidates.filter((c) => c.healthy);
  const byFree = [...healthy].sort((a, b) => b.freeCpuMillis - a.freeCpuMillis || b.freeMemoryMiB - a.freeMemoryMiB || a.name.localeCompare(b.name));
  return (byFree.find((c) => c.freeCpuMillis >= need.cpuMillis && c.freeMemoryMiB >= need.memoryMiB) ?? byFree[0])?.name;
}
