"use client";
// A backend's state, and while it drains, how far the drain has gone (drainProgress), on a clock that
// ticks every second while any drain is shown.
import type { BackendStateName } from "@capstan/domain";
import { useSyncExternalStore } from "react";
import { useT } from "@/lib/client/i18n";
import { drainProgress } from "./traffic";

// One clock for every drain on the page. The server renders none (its "now" is not the browser's), so the
// first render in the browser agrees with the server's HTML.
let now = 0;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
function subscribe(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => {
    now = Date.now();
    listeners.forEach((l) => l());
  }, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
const snapshot = () => (now ||= Date.now());
const serverSnapshot = () => null;

const COLOURS: Record<BackendStateName, string> = {
  IN: "bg-emerald-100 text-emerald-800",
  DRAINING: "bg-amber-100 text-amber-800",
  OUT: "bg-slate-200 text-slate-700",
};

/** In, Draining or Out as a badge. */
export function BackendState({ state }: { state: BackendStateName }) {
  const t = useT();
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${COLOURS[state]}`}>{t(`loadBalancers.${state}`)}</span>;
}

/** The drain of a backend taken out at `stateSince` for up to `drainSeconds`: a bar and the seconds left. */
export function DrainProgress({ stateSince, drainSeconds }: { stateSince: string; drainSeconds: number | null }) {
  const t = useT();
  const at = useSyncExternalStore(subscribe, snapshot, serverSnapshot);
  if (at === null) return null;
  const p = drainProgress(stateSince, drainSeconds, at);
  const text = p.secondsLeft > 0 ? t("loadBalancers.drainLeft", { seconds: p.secondsLeft }) : t("loadBalancers.drainOver");
  return (
    <span className="inline-flex items-center gap-2 text-xs text-slate-600">
      <progress className="h-2 w-24" value={p.fraction} max={1} aria-label={t("loadBalancers.drainProgress")} />
      <span>{text}</span>
    </span>
  );
}

/** A backend's state badge, with the drain's progress while it drains. */
export function StateWithDrain({ state, stateSince, drainSeconds }: { state: BackendStateName; stateSince: string | null; drainSeconds: number | null }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <BackendState state={state} />
      {state === "DRAINING" && stateSince ? <DrainProgress stateSince={stateSince} drainSeconds={drainSeconds} /> : null}
    </span>
  );
}
