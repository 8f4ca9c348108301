import { groupManifests } from "@capstan/domain";
import type { Context } from "../context";
import { findGroup } from "../groups/find-group";
import { type ClusterManifests, compareInCluster } from "./cluster-reader";
import { groupManifestInput } from "./manifest-inputs";

/**
 * What Capstan applies for a group (its Deployment, Service … exactly as the group controller renders
 * them now, from the same input) beside the objects in its cluster, with drift in Capstan's fields.
 * Whoever may read the group may read this. Throws not_found as for the group.
 */
export async function getGroupManifests(ctx: Context, system: string, application: string, name: string): Promise<ClusterManifests> {
  const { group } = await findGroup(ctx.db, ctx.actor, system, application, name);
  const g = await ctx.db.group.findUniqueOrThrow({
    where: { id: group.id },
    include: { application: { include: { system: true } }, cluster: true, dataCentre: true },
  });
  return compareInCluster(g.cluster, groupManifests(await groupManifestInput(ctx.db, g)));
}
