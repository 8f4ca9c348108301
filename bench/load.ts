// The machine's load, printed beside each figure: a figure taken on a busy machine says so.
import os from "node:os";

/** "load average 1.02 0.87 0.60 (1, 5, 15 min), 2 cores": the load when the figure was taken. */
export function loadNote(): string {
  const avg = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  return `load average ${avg} (1, 5, 15 min), ${os.cpus().length} cores`;
}
