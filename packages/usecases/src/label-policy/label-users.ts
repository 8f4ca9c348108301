import type { Tx } from "@capstan/db";
import type { LabelUsers, PolicyRemovals } from "@capstan/domain";

/** Nodes whose operator-set labels, and live groups whose placement, use a zone or flag about to be removed. */
export async function labelUsers(tx: Pick<Tx, "$queryRaw">, removed: PolicyRemovals): Promise<LabelUsers> {
  if (!removed.zones.length && !removed.resourceLabels.length) return { nodes: [], groups: [] };
  const nodes = await tx.$queryRaw<{ name: string; labels: Record<string, string> }[]>`
    SELECT c.name || '/' || n.name AS name, n."desiredLabels" AS labels
    FROM "Node" n JOIN "Cluster" c ON c.id = n."clusterId"
    WHERE n."desiredLabels"->>'zone' = ANY(${removed.zones}::text[]) OR jsonb_exists_any(n."desiredLabels", ${removed.resourceLabels}::text[])
    ORDER BY 1`;
  const groups = await tx.$queryRaw<{ name: string; zone: string; resourceLabels: string[] }[]>`
    SELECT s.name || '/' || a.name || '/' || g.name AS name, g.zone, g."resourceLabels"
    FROM "Group" g JOIN "Application" a ON a.id = g."applicationId" JOIN "System" s ON s.id = a."systemId"
    WHERE g."deletionRequestedAt" IS NULL AND (g.zone = ANY(${removed.zones}::text[]) OR g."resourceLabels" && ${removed.resourceLabels}::text[])
    ORDER BY 1`;
  return { nodes, groups };
}
