import type { Tx } from "@capstan/db";
import type { Actor } from "@capstan/domain";
import { notFound } from "@capstan/domain";
import { findApplication } from "../lookups";
import { GROUP_NAMES } from "./group-dto";

export async function findGroup(
  tx: Pick<Tx, "department" | "system" | "application" | "group">,
  actor: Actor,
  system: string,
  application: string,
  name: string,
) {
  const { system: s, application: app } = await findApplication(tx, actor, system, application);
  const g = await tx.group.findUnique({ where: { applicationId_name: { applicationId: app.id, name } }, include: GROUP_NAMES });
  if (!g) throw notFound("Group", `${system}/${application}/${name}`);
  return { system: s, application: app, group: g };
}
