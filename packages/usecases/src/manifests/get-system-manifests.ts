import { secrets } from "@capstan/db/secrets";
import { systemManifests } from "@capstan/domain";
import type { Context } from "../context";
import { findSystem } from "../lookups";
import { type ClusterManifests, compareInCluster } from "./cluster-reader";
import { systemManifestInput } from "./manifest-inputs";

/**
 * What Capstan applies for a system's namespace (Namespace, LimitRange, NetworkPolicy, ResourceQuota,
 * pull Secret, as the system controller renders them) in each cluster where it is wanted (those of the
 * data centres where the system has a quota, and those running its groups), beside the cluster's
 * objects. The pull Secret is compared with its values but shown with keys only. Whoever may read the
 * system may read this. Throws not_found as for the system.
 */
export async function getSystemManifests(ctx: Context, name: string): Promise<{ clusters: ClusterManifests[] }> {
  const s = await findSystem(ctx.db, ctx.actor, name);
  const clusters = await ctx.db.cluster.findMany({
    where: { OR: [{ dataCentre: { systemQuotas: { some: { systemId: s.id } } } }, { groups: { some: { application: { systemId: s.id } } } }] },
    include: { dataCentre: true },
    orderBy: { name: "asc" },
  });
  const [quotas, robots] = await Promise.all([
    ctx.db.systemQuota.findMany({ where: { systemId: s.id } }),
    ctx.db.systemPullRobot.findMany({ where: { systemId: s.id } }),
  ]);
  return {
    clusters: await Promise.all(
      clusters.map((c) => {
        const quota = quotas.find((q) => q.dataCentreId === c.dataCentreId) ?? null;
        const robot = robots.find((r) => r.dataCentreId === c.dataCentreId);
        // Opened only to compare with the cluster's Secret; compareManifest never returns a Secret's values.
        const pull = robot ? { username: robot.robotName, password: secrets().open(robot.secretEnc) } : null;
        return compareInCluster(c, systemManifests(systemManifestInput(s, c.dataCentre, quota, pull)));
      }),
    ),
  };
}
