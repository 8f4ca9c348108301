import { canOperateFleet, domainError } from "@capstan/domain";
import type { Context } from "../context";
import { loadNodeInitChecks, type NodeInitChecksDto } from "./node-init-checks";

/** Platform admins and ops, who run the node lifecycle these checks gate. */
export async function getNodeInitChecks(ctx: Context): Promise<NodeInitChecksDto> {
  if (!canOperateFleet(ctx.actor)) throw domainError("forbidden_read_node_init_checks");
  return loadNodeInitChecks(ctx.db);
}
