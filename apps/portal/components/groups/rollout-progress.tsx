"use client";
// While a rollout or a scale runs: how many pods already run the new revision, and how many of those are
// ready. The bar shows ready pods of the new revision (readyUpdatedReplicas), so it never runs ahead of
// the text.
import { type GroupDto, readyUpdatedReplicas } from "@capstan/domain";
import { useT } from "@/lib/client/i18n";

type Progress = Pick<GroupDto, "phase" | "revision" | "replicas" | "updatedReplicas" | "readyReplicas" | "generation" | "observedGeneration" | "deleting">;

const isMoving = (g: Progress) => !g.deleting && (g.phase === "PROGRESSING" || g.phase === "SCALING" || g.observedGeneration < g.generation);

/** `livePods`: the group's pods not being deleted, i.e. the Deployment's status.replicas. */
export function RolloutProgress({ group: g, livePods }: { group: Progress; livePods: number }) {
  const t = useT();
  if (!isMoving(g)) return null;
  const ready = readyUpdatedReplicas({ replicas: livePods, updatedReplicas: g.updatedReplicas, readyReplicas: g.readyReplicas });
  const text =
    g.phase === "SCALING"
      ? t("groups.scaleProgress", { replicas: g.replicas, ready })
      : t("groups.rolloutProgress", { revision: g.revision, updated: g.updatedReplicas, replicas: g.replicas, ready });
  return (
    <div role="status" className="card space-y-2 text-sm">
      <p>{text}</p>
      <progress className="h-2 w-full" value={Math.min(ready, g.replicas)} max={Math.max(g.replicas, 1)} aria-label={text} />
    </div>
  );
}
