import type { Tx } from "@capstan/db";
import { notFound } from "@capstan/domain";
import { NODE_NAMES } from "./node-dto";

export async function findNode(tx: Pick<Tx, "node">, cluster: string, name: string) {
  const n = await tx.node.findFirst({ where: { name, cluster: { name: cluster } }, include: NODE_NAMES });
  if (!n) throw notFound("Node", `${cluster}/${name}`);
  return n;
}
