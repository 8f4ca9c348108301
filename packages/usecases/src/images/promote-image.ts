import { canWriteInSystem, domainError, fieldError, ImagePromote, parseInput, type PromotionDto } from "@capstan/domain";
import type { Context } from "../context";
import { findApplication } from "../lookups";
import { mutation } from "../mutation";
import { copyToDataCentres } from "./promotion";
import { registryFailure } from "./registry-of";

/**
 * Promotes an application's image by digest: copies `tag` or `digest` from data centre `from` to each
 * data centre of `to`, verifies the digest there, and answers per target what was sent. Synchronous: the
 * answer comes when every copy is verified (docs/images.md says why). Developers of the system only.
 * Refusals: 422 when a data centre is unknown; 404 when the image is; 409 no_registry_quota when the system has no
 * quota in a target (nothing is copied then); 502 when a registry fails (promotion_failed names the
 * targets that failed; those that succeeded stay copied and are audited). Audited as image.promote.
 */
export async function promoteImage(ctx: Context, system: string, application: string, input: unknown): Promise<PromotionDto> {
  const data = parseInput(ImagePromote, input);
  const { system: s, application: a } = await findApplication(ctx.db, ctx.actor, system, application);
  if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_change_images", { system: s.name });
  const names = [data.from, ...data.to];
  const dcs = await ctx.db.dataCentre.findMany({
    where: { name: { in: names } },
    include: { systemQuotas: { where: { systemId: s.id }, select: { systemId: true } } },
  });
  const byName = new Map(dcs.map((dc) => [dc.name, dc]));
  const from = byName.get(data.from);
  if (!from) throw domainError("data_centre_unknown", { dataCentre: data.from }, { from: fieldError("data_centre_unknown") });
  const unknown = data.to.find((n) => !byName.has(n));
  if (unknown) throw domainError("data_centre_unknown", { dataCentre: unknown }, { to: fieldError("data_centre_unknown") });
  const targets = data.to.map((n) => byName.get(n)!);
  const noQuota = targets.find((dc) => dc.systemQuotas.length === 0);
  if (noQuota) throw domainError("no_registry_quota", { system: s.name, dataCentre: noQuota.name });

  const reference = data.digest ?? data.tag!;
  let outcomes;
  try {
    outcomes = await copyToDataCentres(from, targets, s.name, a.name, reference, data.tag);
  } catch (e) {
    if ((e as { status?: number }).status === 404)
      throw domainError("image_not_found", { reference: `${s.name}/${a.name}:${reference}`, dataCentre: from.name });
    throw registryFailure(from.name, e);
  }
  const done = outcomes.flatMap((o) => ("result" in o ? [{ dataCentre: o.dataCentre, digest: o.result.digest, ...counts(o.result) }] : []));
  const failed = outcomes.flatMap((o) => ("error" in o ? [o] : []));
  for (const f of failed) registryFailure(f.dataCentre, f.error); // logs the details people are not shown
  const digest = done[0]?.digest ?? data.digest ?? "";
  if (done.length)
    await mutation(ctx, (_tx, audit) =>
      audit({
        action: "image.promote",
        targetType: "image",
        targetId: `${s.name}/${a.name}@${digest}`,
        targetName: `${s.name}/${a.name}:${data.tag ?? digest.slice(7, 19)}`,
        departmentId: s.departmentId,
        systemId: s.id,
        after: { from: from.name, to: done.map((d) => d.dataCentre).join(", "), digest, tag: data.tag ?? null },
      }),
    );
  if (failed.length) throw domainError("promotion_failed", { dataCentres: failed.map((f) => f.dataCentre).join(", ") });
  return { from: from.name, repository: `${s.name}/${a.name}`, digest, tag: data.tag ?? null, targets: done };
}

const counts = (r: { bytesSent: number; blobsSent: number; blobsMounted: number; blobsPresent: number }) => ({
  bytesSent: r.bytesSent,
  blobsSent: r.blobsSent,
  blobsMounted: r.blobsMounted,
  blobsPresent: r.blobsPresent,
});
