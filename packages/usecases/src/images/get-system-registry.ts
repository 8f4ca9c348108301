import type { RegistryAccessDto } from "@capstan/domain";
import type { HarborRobot } from "@capstan/orchestrator";
import type { Context } from "../context";
import { findSystem } from "../lookups";
import { harborOf, quotaDataCentres, registryFailure, registryHost } from "./registry-of";

/** The pull robot's own name (apps/worker/src/pull-robot.ts): Capstan's, never rotated or deleted by people. */
export const PULL_ROBOT_NAME = "capstan-pull";

/** A Harbor robot as the API shows it: no secret; Unix-seconds expiry as an instant or null (never). */
export function toRobotDto(project: string, r: HarborRobot): RegistryAccessDto["dataCentres"][number]["robots"][number] {
  const name = r.name.slice(`robot$${project}+`.length);
  return {
    name,
    username: r.name,
    permissions: r.permissions,
    description: r.description,
    createdAt: new Date(r.createdAt).toISOString(),
    expiresAt: r.expiresAt < 0 ? null : new Date(r.expiresAt * 1000).toISOString(),
    managed: name === PULL_ROBOT_NAME,
  };
}

/**
 * A system's registry access, per data centre where it has a quota: the registry host, the project (the
 * system's name) and its robots read from Harbor (Capstan keeps no row per push robot: Harbor is the
 * record, and who made or rotated one is in Capstan's audit log). A registry that cannot be read is
 * listed with `unavailable` and no robots. Anyone who can read the system may look; secrets are never shown.
 */
export async function getSystemRegistry(ctx: Context, system: string): Promise<RegistryAccessDto> {
  const s = await findSystem(ctx.db, ctx.actor, system);
  const dcs = await quotaDataCentres(ctx.db, s.id);
  const dataCentres = await Promise.all(
    dcs.map(async (dc) => {
      const base = { dataCentre: dc.name, registry: registryHost(dc), project: s.name };
      try {
        const robots = await harborOf(dc).listRobots(s.name);
        return { ...base, robots: robots.map((r) => toRobotDto(s.name, r)), unavailable: false };
      } catch (e) {
        registryFailure(dc.name, e); // logs what people are not shown
        return { ...base, robots: [], unavailable: true };
      }
    }),
  );
  return { system: s.name, dataCentres };
}
