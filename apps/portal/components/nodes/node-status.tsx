"use client";
import type { NodeStatus } from "@capstan/domain";
import { useT } from "@/lib/client/i18n";

const COLOURS: Record<NodeStatus, string> = {
  INIT: "bg-sky-100 text-sky-800",
  WAIT: "bg-amber-100 text-amber-800",
  ONLINE: "bg-emerald-100 text-emerald-800",
  OFFLINE: "bg-slate-200 text-slate-700",
};

export function NodeStatusBadge({ status, stuck }: { status: NodeStatus; stuck?: boolean }) {
  const t = useT();
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${COLOURS[status]}`}>
      {t(`nodes.${status}`)}
      {stuck ? ` · ${t("nodes.stuck")}` : null}
    </span>
  );
}
