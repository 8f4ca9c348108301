import { secrets } from "@capstan/db/secrets";
import { canWriteInSystem, domainError, fieldError } from "@capstan/domain";
import { HarborClient } from "@capstan/orchestrator";
import type { Context } from "../context";
import { findApplication } from "../lookups";

type DataCentre = { name: string; harborUrl: string; harborUsername: string; harborPasswordEnc: Uint8Array };

/**
 * 422 when the data centre's Harbor says the tag is not there. A registry that cannot answer within two
 * seconds does not block a deploy: the tag is then unverified, and the group page shows the pull error
 * if it really is missing.
 */
export async function assertImageExists(dc: DataCentre, system: string, application: string, tag: string): Promise<void> {
  const harbor = new HarborClient(dc.harborUrl, dc.harborUsername, secrets().open(dc.harborPasswordEnc));
  const found = await harbor.hasTag(system, application, tag).catch(() => undefined);
  if (found === false)
    throw domainError(
      "image_not_in_registry",
      { system, application, tag, dataCentre: dc.name },
      { imageTag: fieldError("image_not_in_registry", { dataCentre: dc.name }) },
    );
}

/** Where an image tag is about to run: a data centre by name, or an existing group's data centre. */
type Target = { system: string; application: string; tag: string } & ({ dataCentre: string } | { group: string });

/**
 * Asks Harbor before a use case's transaction opens, so a slow registry holds neither a database
 * connection nor the system's locks. Returns the tag it checked, which the transaction need not check
 * again. Only for actors who may write there (Harbor is no oracle for others); anything this cannot
 * resolve is left to the transaction, which reports it properly.
 */
export async function checkImageFirst(ctx: Context, t: Target): Promise<string | undefined> {
  const found = await findApplication(ctx.db, ctx.actor, t.system, t.application).catch(() => undefined);
  if (!found || !canWriteInSystem(ctx.actor, found.system)) return undefined;
  const dc =
    "dataCentre" in t
      ? await ctx.db.dataCentre.findUnique({ where: { name: t.dataCentre } })
      : (await ctx.db.group.findUnique({ where: { applicationId_name: { applicationId: found.application.id, name: t.group } }, select: { dataCentre: true } }))
          ?.dataCentre;
  if (!dc) return undefined;
  await assertImageExists(dc, t.system, t.application, t.tag);
  return t.tag;
}
