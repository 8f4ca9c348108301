"use client";
import { useT } from "@/lib/client/i18n";

const COLOURS = {
  PENDING: "bg-slate-100 text-slate-700",
  PROGRESSING: "bg-sky-100 text-sky-800",
  SCALING: "bg-sky-100 text-sky-800",
  AVAILABLE: "bg-emerald-100 text-emerald-800",
  DEGRADED: "bg-amber-100 text-amber-800",
  FAILED: "bg-red-100 text-red-800",
  DELETING: "bg-slate-200 text-slate-700",
} as const;

export function GroupPhase({ phase }: { phase: keyof typeof COLOURS }) {
  const t = useT();
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${COLOURS[phase]}`}>{t(`groups.${phase}`)}</span>;
}
