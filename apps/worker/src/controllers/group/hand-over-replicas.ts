// A group that starts to autoscale leaves its Deployment's spec.replicas to the HorizontalPodAutoscaler.
import { type ClusterClient, FIELD_MANAGER } from "@capstan/orchestrator";

/** The field manager that holds spec.replicas between Capstan letting go of it and the HPA's first change. */
export const HANDOVER_MANAGER = "capstan-handover-to-hpa";

interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  fieldsV1?: { "f:spec"?: Record<string, unknown> };
}

/**
 * Before Capstan applies an autoscaled group's Deployment without `spec.replicas`: when Capstan's own field
 * manager still owns that field (the group was scaled by hand before), apply just the live count as another
 * manager first. Otherwise server-side apply drops the field Capstan stops setting, and the API server defaults it
 * to 1, taking a running group down to one pod until the HPA's next sync. This is the hand-over Kubernetes
 * documents ("Server-Side Apply", transferring ownership to a HorizontalPodAutoscaler: the field goes to a
 * second manager, then leaves the first's configuration). Nothing to do when the Deployment does not exist yet
 * or Capstan no longer owns the field; idempotent. Throws what the cluster answers other than 404.
 */
export async function handOverReplicas(client: ClusterClient, namespace: string, name: string): Promise<void> {
  const live = await client.read({ apiVersion: "apps/v1", kind: "Deployment", name, namespace });
  if (!live) return;
  const metadata = live.metadata as { managedFields?: ManagedFieldsEntry[] } | undefined;
  const ownsReplicas = (metadata?.managedFields ?? []).some(
    (f) => f.manager === FIELD_MANAGER && f.operation === "Apply" && f.fieldsV1?.["f:spec"]?.["f:replicas"] !== undefined,
  );
  if (!ownsReplicas) return;
  const replicas = (live.spec as { replicas?: number } | undefined)?.replicas ?? 1;
  await client.apply([{ apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace }, spec: { replicas } }], {
    fieldManager: HANDOVER_MANAGER,
  });
}
