"use client";
import { LOAD_BALANCER_ALGORITHMS, type LoadBalancerDto } from "@capstan/domain";
import type { Translate } from "@/messages";
import { useT } from "@/lib/client/i18n";
import { lbStatus } from "./status";

const COLOURS = {
  Deleting: "bg-slate-200 text-slate-700",
  Failing: "bg-red-100 text-red-800",
  Applying: "bg-sky-100 text-sky-800",
  NoDataPlane: "bg-amber-100 text-amber-800",
  Starting: "bg-sky-100 text-sky-800",
  ReadyDnsFailing: "bg-red-100 text-red-800",
  ReadyDnsPending: "bg-amber-100 text-amber-800",
  Ready: "bg-emerald-100 text-emerald-800",
} as const;

/** A balancer's status (lbStatus) as a coloured badge. */
export function LbStatusBadge({ lb }: { lb: Parameters<typeof lbStatus>[0] }) {
  const t = useT();
  const s = lbStatus(lb);
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${COLOURS[s]}`}>{t(`loadBalancers.status${s}`)}</span>;
}

/** "HAProxy · HTTP 80 · Round robin by weight (roundrobin)": what a balancer is, in a line. */
export function useLbSummary() {
  const t = useT();
  return (lb: Pick<LoadBalancerDto, "kind" | "protocol" | "port" | "algorithm">) =>
    `${t(`loadBalancers.${lb.kind}`)} · ${lb.protocol} ${lb.port} · ${algorithmText(t, lb.algorithm)}`;
}

/**
 * An algorithm in words, its own name kept beside them in brackets (e.g. "Fewest connections (leastconn)"),
 * so the words (`loadBalancers.alg_*`) carry no brackets of their own; an unknown one as it is.
 */
export function algorithmText(t: Translate, algorithm: string): string {
  return ALGORITHMS.has(algorithm) ? `${t(`loadBalancers.alg_${algorithm as Algorithm}`)} (${algorithm})` : algorithm;
}
type Algorithm = (typeof LOAD_BALANCER_ALGORITHMS)[keyof typeof LOAD_BALANCER_ALGORITHMS][number];
const ALGORITHMS = new Set<string>(Object.values(LOAD_BALANCER_ALGORITHMS).flat());
