import { canOperateFleet, forbidden } from "@capstan/domain";
import type { Context } from "../context";
import { loadNodeInitChecks, type NodeInitChecksDto } from "./node-init-checks";

/** Platform admins and ops, who run the node lifecycle these checks gate. */
export async function getNodeInitChecks(ctx: Context): Promise<NodeInitChecksDto> {
  if (!canOperateFleet(ctx.actor)) throw forbidden("Only platform admins and ops read the node init checks.");
  return loadNodeInitChecks(ctx.db);
}
