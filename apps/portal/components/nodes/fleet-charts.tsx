// Plain CSS bars rendered on the server: no chart library or client JavaScript, and each bar carries
// its figures as text for screen readers (and for anyone who prefers the numbers).
import { NODE_STATUSES, type NodeStatus } from "@capstan/domain";

export const STATUS_FILL: Record<NodeStatus, string> = { INIT: "bg-sky-500", WAIT: "bg-amber-500", ONLINE: "bg-emerald-500", OFFLINE: "bg-slate-400" };

/** One bar split by node status; `label` names the figures it shows. */
export function StatusBar({ counts, label }: { counts: Record<NodeStatus, number>; label: string }) {
  const total = NODE_STATUSES.reduce((n, s) => n + counts[s], 0);
  return (
    <div role="img" aria-label={label} title={label} className="flex h-4 w-full overflow-hidden rounded bg-slate-100">
      {NODE_STATUSES.map((s) => (counts[s] ? <div key={s} className={STATUS_FILL[s]} style={{ width: `${(100 * counts[s]) / total}%` }} /> : null))}
    </div>
  );
}

/** Requested against allocatable; past 100 % (pods bound before a node shrank) the bar stays full and turns red. */
export function RequestedBar({ requested, allocatable, label }: { requested: number; allocatable: number; label: string }) {
  const percent = allocatable ? (100 * requested) / allocatable : 0;
  const fill = percent > 90 ? "bg-rose-500" : percent > 70 ? "bg-amber-500" : "bg-indigo-500";
  return (
    <div role="img" aria-label={label} title={label} className="h-3 w-full overflow-hidden rounded bg-slate-100">
      <div className={`h-full ${fill}`} style={{ width: `${Math.min(100, percent)}%` }} />
    </div>
  );
}

export const percentOf = (part: number, whole: number) => (whole ? Math.round((100 * part) / whole) : 0);
