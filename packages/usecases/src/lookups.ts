// Finding things by the names used in paths. Objects the actor may not read are reported as
// not found, so another department's names are not revealed.
import type { Tx } from "@capstan/db";
import { type Actor, canReadDepartment, notFound } from "@capstan/domain";

type Reader = Pick<Tx, "department" | "system" | "application">;

export async function findDepartment(tx: Reader, actor: Actor, name: string) {
  const d = await tx.department.findUnique({ where: { name } });
  if (!d || !canReadDepartment(actor, d.id)) throw notFound("Department", name);
  return d;
}

export async function findSystem(tx: Reader, actor: Actor, name: string) {
  const s = await tx.system.findUnique({ where: { name }, include: { department: { select: { name: true } } } });
  // A system being deleted is gone for every request (its rows stay until its cluster objects are removed).
  if (!s || s.deletionRequestedAt || !canReadDepartment(actor, s.departmentId)) throw notFound("System", name);
  return s;
}

export async function findApplication(tx: Reader, actor: Actor, system: string, name: string) {
  const s = await findSystem(tx, actor, system);
  const a = await tx.application.findUnique({ where: { systemId_name: { systemId: s.id, name } } });
  if (!a) throw notFound("Application", `${system}/${name}`);
  return { system: s, application: a };
}

/** "shop, ledger and 3 more" — for messages that name what blocks a delete. */
export function nameList(names: string[], total: number): string {
  const shown = names.join(", ");
  return total > names.length ? `${shown} and ${total - names.length} more` : shown;
}
