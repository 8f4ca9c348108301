// Capstan's Deployments → their group's status (phase, replica counts, conditions), with what the group's
// pod rows say of crash loops (podTrouble), read again when a pod starts or stops crash-looping.
import { CRASH_LOOP_REASONS, groupPhase, isTransition, LABEL, podTrouble, TRANSITION_PHASES, withPodTrouble } from "@capstan/domain";
import { Prisma } from "@capstan/db";
import type { V1Deployment } from "@kubernetes/client-node";
import type { InventoryWatch } from "./watch";

const MANAGED = `${LABEL.managedBy}=capstan`;

export const deployments: InventoryWatch<V1Deployment> = {
  kind: "deployments",
  path: "/apis/apps/v1/deployments",
  labelSelector: MANAGED,
  start: ({ db, groups, writeOnChange, enqueue }) => ({
    async upsert(d) {
      const id = await groups.idOf(d.metadata?.labels);
      if (!id) return;
      // Registered before the pods are read: a pod written after this read asks for another (queued after this one).
      groups.onPodsChanged(id, () => void enqueue("deployments", d, () => this.upsert(d)));
      // Only the pods that may be crash-looping (a group may have a thousand): podTrouble decides among them.
      const suspects = await db.pod.findMany({
        where: { groupId: id, OR: [{ reason: { in: [...CRASH_LOOP_REASONS] } }, { restarts: { gt: 0 }, ready: false }] },
        select: { name: true, phase: true, ready: true, restarts: true, reason: true, message: true },
        orderBy: { name: "asc" },
        take: 20,
      });
      const trouble = podTrouble(suspects);
      const s = d.status ?? {};
      const view = {
        generation: d.metadata?.generation ?? 0,
        observedGeneration: s.observedGeneration ?? 0,
        replicas: s.replicas ?? 0,
        readyReplicas: s.readyReplicas ?? 0,
        availableReplicas: s.availableReplicas ?? 0,
        updatedReplicas: s.updatedReplicas ?? 0,
        conditions: (s.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message })),
      };
      const data = {
        phase: withPodTrouble(groupPhase(view, d.spec?.replicas ?? 0), trouble),
        readyReplicas: view.readyReplicas,
        availableReplicas: view.availableReplicas,
        updatedReplicas: view.updatedReplicas,
        // why a rollout is stuck (ReplicaFailure, ProgressDeadlineExceeded) is read from these (rolloutTrouble)
        conditions: view.conditions,
        podTrouble: trouble ? { ...trouble } : Prisma.DbNull,
      };
      // The Deployment's generation is part of the key: a use case may have set the phase since the last
      // write (e.g. SCALING on a scale), so a new generation must be written even if the status looks alike.
      const key = { ...data, podTrouble: trouble, generation: view.generation, capstanGeneration: d.metadata?.annotations?.["capstan.io/generation"] };
      await writeOnChange(`group:${id}`, key, async () => {
        // A healthy transition keeps the kind a use case recorded (a scale stays SCALING to its end, a
        // rollout PROGRESSING, though its last step looks like a scale): one statement each, so no read races.
        const where = { id, deletionRequestedAt: null };
        const { phase, ...counts } = data;
        const kept = isTransition(phase) ? (await db.group.updateMany({ where: { ...where, phase: { in: [...TRANSITION_PHASES] } }, data: counts })).count : 0;
        const count = kept || (await db.group.updateMany({ where, data })).count;
        if (count === 0) groups.forget(d.metadata?.labels); // deleted, or re-created under the same name
      });
    },
    // The group reconciler owns the group row's lifetime; the watch only stops re-checking the group.
    delete: async (d) => groups.forget(d.metadata?.labels),
  }),
};
