import type { Tx } from "@capstan/db";
import { type Actor, canReadDepartment, isUuid, notFound } from "@capstan/domain";
import { QUOTA_REQUEST_NAMES } from "./quota-request-dto";

/** A quota request by id; 404 for requests in departments the actor cannot read. */
export async function findQuotaRequest(tx: Tx, actor: Actor, id: string) {
  const valid = isUuid(id);
  const r = valid ? await tx.quotaRequest.findUnique({ where: { id }, include: QUOTA_REQUEST_NAMES }) : null;
  if (!r || !canReadDepartment(actor, r.system.departmentId)) throw notFound("Quota request", id);
  return r;
}
