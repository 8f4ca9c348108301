// How a quota reads in the API and the usage pages: what is granted, what groups use, what is free.
import type { Tx } from "@capstan/db";
import { headroom, notFound, type Resources } from "@capstan/domain";
import { resources, systemUsage } from "./quota-usage";

export interface QuotaView {
  dataCentre: string;
  /** False when none was ever set: nothing may run there yet. */
  set: boolean;
  quota: Resources;
  used: Resources;
  free: Resources;
  version: number | null;
}

type Row = { cpuMillis: number; memoryMiB: number; gpu: number; instances: number; version: number } | null;

export const quotaView = (dataCentre: string, row: Row, used: Resources): QuotaView => {
  const quota = resources(row);
  return { dataCentre, set: row !== null, quota, used, free: headroom(quota, used), version: row?.version ?? null };
};

/** A system's quota and use in one data centre. */
export async function systemQuotaView(tx: Tx, systemId: string, dc: { id: string; name: string }): Promise<QuotaView> {
  // One at a time: `tx` may be a transaction, one connection, where pg deprecates queueing queries.
  const row = await tx.systemQuota.findUnique({ where: { systemId_dataCentreId: { systemId, dataCentreId: dc.id } } });
  const used = await systemUsage(tx, systemId, dc.id);
  return quotaView(dc.name, row, used);
}

export async function findDataCentre(tx: Tx, name: string) {
  const dc = await tx.dataCentre.findUnique({ where: { name }, select: { id: true, name: true } });
  if (!dc) throw notFound("Data centre", name);
  return dc;
}
