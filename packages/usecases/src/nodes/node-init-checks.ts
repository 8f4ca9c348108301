import type { Tx } from "@capstan/db";
import { type InitCheckConfig, initChecksFromEnv } from "@capstan/domain";

export interface NodeInitChecksDto {
  requireReady: boolean;
  minKubeletVersion: string | null;
  requiredLabels: string[];
  /** 0 while no one has set them: the defaults from the environment apply. */
  version: number;
}

/** The stored checks, or the environment's defaults (CAPSTAN_NODE_*) while none are stored. */
export async function loadNodeInitChecks(db: Pick<Tx, "nodeInitChecks">, env: Record<string, string | undefined> = process.env): Promise<NodeInitChecksDto> {
  const row = await db.nodeInitChecks.findUnique({ where: { id: 1 } });
  if (row) return { requireReady: row.requireReady, minKubeletVersion: row.minKubeletVersion, requiredLabels: row.requiredLabels, version: row.version };
  const d = initChecksFromEnv(env);
  return { requireReady: d.requireReady, minKubeletVersion: d.minKubeletVersion ?? null, requiredLabels: d.requiredLabels, version: 0 };
}

export const toInitCheckConfig = (c: NodeInitChecksDto): InitCheckConfig => ({
  requireReady: c.requireReady,
  ...(c.minKubeletVersion ? { minKubeletVersion: c.minKubeletVersion } : {}),
  requiredLabels: c.requiredLabels,
});
