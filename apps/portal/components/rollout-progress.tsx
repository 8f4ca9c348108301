"use client";
// While a rollout runs: how many pods already run the new revision, and how many of those are ready.
import type { GroupDto } from "@capstan/domain";
import { useT } from "@/lib/client/i18n";

type Progress = Pick<GroupDto, "phase" | "revision" | "replicas" | "updatedReplicas" | "readyReplicas" | "generation" | "observedGeneration" | "deleting">;

const isRollingOut = (g: Progress) => !g.deleting && (g.phase === "PROGRESSING" || g.observedGeneration < g.generation);

export function RolloutProgress({ group: g }: { group: Progress }) {
  const t = useT();
  if (!isRollingOut(g)) return null;
  const text = t("groups.rolloutProgress", { revision: g.revision, updated: g.updatedReplicas, replicas: g.replicas, ready: g.readyReplicas });
  return (
    <div role="status" className="card space-y-2 text-sm">
      <p>{text}</p>
      <progress className="h-2 w-full" value={g.updatedReplicas} max={Math.max(g.replicas, 1)} aria-label={text} />
    </div>
  );
}
