"use client";
import { useT } from "@/lib/client/i18n";

const COLOURS = {
  HEALTHY: "bg-emerald-100 text-emerald-800",
  DEGRADED: "bg-amber-100 text-amber-800",
  UNREACHABLE: "bg-red-100 text-red-800",
  PENDING: "bg-slate-100 text-slate-700",
} as const;

export function ClusterStatus({ status }: { status: keyof typeof COLOURS }) {
  const t = useT();
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${COLOURS[status]}`}>{t(`fleet.${status}`)}</span>;
}
