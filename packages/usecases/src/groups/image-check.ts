import type { Tx } from "@capstan/db";
import { secrets } from "@capstan/db/secrets";
import { canWriteInSystem, domainError, fieldError } from "@capstan/domain";
import { HarborClient } from "@capstan/orchestrator";
import type { Context } from "../context";
import { findApplication } from "../lookups";

type DataCentre = { name: string; harborUrl: string; harborUsername: string; harborPasswordEnc: Uint8Array };

/** A tag and the digest (`sha256:…`) it had in a data centre's Harbor; digest null when Harbor could not say in time. */
export interface ResolvedImage {
  tag: string;
  digest: string | null;
}

/**
 * The digest a revision pins: what `tag` resolves to in the data centre's Harbor now, or, given `pinned`
 * (a rollback to a recorded digest), that digest once Harbor confirms it still holds it. 422 naming the
 * tag when Harbor says it is not there. A registry that cannot answer within two seconds does not block a
 * deploy: the result is then `pinned` (or null: the tag runs unpinned), and the group page shows the pull
 * error if the image really is missing.
 */
export async function resolveImage(dc: DataCentre, system: string, application: string, tag: string, pinned?: string | null): Promise<string | null> {
  const harbor = new HarborClient(dc.harborUrl, dc.harborUsername, secrets().open(dc.harborPasswordEnc));
  const found = await harbor.manifestDigest(system, application, pinned ?? tag).catch(() => undefined);
  if (found === null)
    throw domainError(
      "image_not_in_registry",
      { system, application, tag, dataCentre: dc.name },
      { imageTag: fieldError("image_not_in_registry", { dataCentre: dc.name }) },
    );
  return found ?? pinned ?? null;
}

/** Where an image tag is about to run: a data centre by name, or an existing group's data centre. */
type Target = { system: string; application: string; tag: string } & ({ dataCentre: string } | { group: string });

/**
 * Asks Harbor before a use case's transaction opens, so a slow registry holds neither a database
 * connection nor the system's locks. Returns the tag with the digest it resolved to, which the
 * transaction need not ask for again (`digestOf`). Only for actors who may write there (Harbor is no
 * oracle for others); anything this cannot resolve is left to the transaction, which reports it properly.
 */
export async function checkImageFirst(ctx: Context, t: Target): Promise<ResolvedImage | undefined> {
  const found = await findApplication(ctx.db, ctx.actor, t.system, t.application).catch(() => undefined);
  if (!found || !canWriteInSystem(ctx.actor, found.system)) return undefined;
  const dc =
    "dataCentre" in t
      ? await ctx.db.dataCentre.findUnique({ where: { name: t.dataCentre } })
      : (await ctx.db.group.findUnique({ where: { applicationId_name: { applicationId: found.application.id, name: t.group } }, select: { dataCentre: true } }))
          ?.dataCentre;
  if (!dc) return undefined;
  return { tag: t.tag, digest: await resolveImage(dc, t.system, t.application, t.tag) };
}

/** The group whose image is being resolved: its data centre, application and system names. */
type GroupRef = { dataCentreId: string; application: { name: string; system: { name: string } } };

/**
 * The digest `tag` has for `group` now: the one `checkImageFirst` found (`first`, when it is for this tag),
 * else asked of the group's Harbor inside the transaction. Throws as `resolveImage`.
 */
export async function digestOf(tx: Tx, group: GroupRef, tag: string, first?: ResolvedImage): Promise<string | null> {
  if (first?.tag === tag) return first.digest;
  const dc = await tx.dataCentre.findUniqueOrThrow({ where: { id: group.dataCentreId } });
  return resolveImage(dc, group.application.system.name, group.application.name, tag);
}
