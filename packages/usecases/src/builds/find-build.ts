import type { Tx } from "@capstan/db";
import { type Actor, isUuid, notFound, personName } from "@capstan/domain";
import { findApplication } from "../lookups";

/** A build of an application by id, with its system and data centre; 404 when it is not one of the application's. */
export async function findBuild(
  tx: Pick<Tx, "department" | "system" | "application" | "build">,
  actor: Actor,
  system: string,
  application: string,
  id: string,
) {
  const { system: s, application: a } = await findApplication(tx, actor, system, application);
  const b = isUuid(id) ? await tx.build.findFirst({ where: { id, applicationId: a.id }, include: { dataCentre: { select: { name: true } } } }) : null;
  if (!b) throw notFound("Build", id);
  return { system: s, application: a, build: b };
}

/** The e-mails of the people who asked for these builds, by user id. */
export async function triggerNames(tx: Pick<Tx, "user">, builds: { triggeredById: string | null }[]): Promise<Map<string, string>> {
  const ids = [...new Set(builds.flatMap((b) => (b.triggeredById ? [b.triggeredById] : [])))];
  const users = ids.length ? await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true, name: true } }) : [];
  return new Map(users.map((u) => [u.id, personName(u)]));
}
