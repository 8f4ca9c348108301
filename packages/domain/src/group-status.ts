// A group's phase, from what its Deployment reports.

export interface DeploymentStatusView {
  /** metadata.generation and status.observedGeneration of the Deployment */
  generation: number;
  observedGeneration: number;
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  updatedReplicas: number;
  /** status.conditions, e.g. Progressing=False with reason ProgressDeadlineExceeded */
  conditions: { type: string; status: string; reason?: string; message?: string }[];
}

export type GroupPhase = "PENDING" | "PROGRESSING" | "AVAILABLE" | "DEGRADED" | "FAILED";

export function groupPhase(d: DeploymentStatusView, desiredReplicas: number): GroupPhase {
  const progressing = d.conditions.find((c) => c.type === "Progressing");
  if (progressing?.status === "False") return "FAILED";
  if (d.observedGeneration < d.generation || d.updatedReplicas < desiredReplicas) return "PROGRESSING";
  if (d.availableReplicas >= desiredReplicas && d.replicas === desiredReplicas) return "AVAILABLE";
  if (d.availableReplicas > 0) return "DEGRADED";
  return desiredReplicas === 0 ? "AVAILABLE" : "PROGRESSING";
}
