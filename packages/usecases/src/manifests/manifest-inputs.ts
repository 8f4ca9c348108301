// What the group and system controllers render their objects from (groupManifests, systemManifests in
// packages/domain), built here once so the worker's apply and the portal's "what Capstan applied" view
// (./applied-manifests.ts) can never disagree about it.
import type { Db } from "@capstan/db";
import { autoscalingOf, type GroupManifestInput, rolloutStrategy, type SystemManifestInput } from "@capstan/domain";
import { rolloutRoom } from "../groups/rollout-room";

type GroupRow = Parameters<typeof rolloutRoom>[1] & {
  application: { name: string; runtime: string; port: number; protocol: string; healthCheckPath: string | null; system: { id: string; name: string } };
  dataCentre: { harborUrl: string };
} & Omit<GroupManifestInput["group"], "env" | "healthCheck" | "autoscaling"> & { env: unknown; healthCheck: unknown; autoscaling: unknown };

/** The input of `groupManifests` for a group row (with its application, system and data centre), as of now. */
export async function groupManifestInput(db: Db, g: GroupRow): Promise<GroupManifestInput> {
  const zone = await db.labelDefinition.findUnique({ where: { key: "zone" } });
  return {
    system: g.application.system.name,
    application: g.application,
    group: {
      ...g,
      env: g.env as GroupManifestInput["group"]["env"],
      healthCheck: g.healthCheck as GroupManifestInput["group"]["healthCheck"],
      autoscaling: autoscalingOf(g),
    },
    registry: new URL(g.dataCentre.harborUrl).host,
    dedicatedZones: zone?.dedicated ?? [],
    // Chosen afresh at every apply (resync included), so a rollout is never left with a surge the quota no longer has room for.
    strategy: rolloutStrategy(await rolloutRoom(db, g, g.application.system)),
  };
}

/** The input of `systemManifests` for a system in one data centre: its quota there (if any) and its pull
 * robot (none yet: no pull Secret, as before the project controller made one). */
export function systemManifestInput(
  system: { name: string; isolation: SystemManifestInput["isolation"] },
  dataCentre: { harborUrl: string },
  quota: SystemManifestInput["quota"],
  robot: { username: string; password: string } | null,
): SystemManifestInput {
  return {
    name: system.name,
    isolation: system.isolation,
    quota,
    ...(robot && { pull: { registry: new URL(dataCentre.harborUrl).host, username: robot.username, password: robot.password } }),
  };
}
