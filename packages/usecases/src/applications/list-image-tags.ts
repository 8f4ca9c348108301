import { secrets } from "@capstan/db/secrets";
import { domainError, fieldError, notFound } from "@capstan/domain";
import { HarborClient, logOutboundFailure } from "@capstan/orchestrator";
import type { Context } from "../context";
import { findApplication } from "../lookups";

/**
 * An application's image tags in one data centre's Harbor, newest push first, with digests; and where
 * to push new ones: `registry` (the Harbor host[:port], as pods pull from it) and `pushTo`
 * (`<registry>/<system>/<application>`, the repository to tag images with, e.g. `docker push <pushTo>:1.0`).
 * The system's project there exists once the system has a quota in that data centre.
 */
export async function listImageTags(ctx: Context, system: string, application: string, dataCentre: string) {
  if (!dataCentre) throw domainError("data_centre_required", {}, { dataCentre: fieldError("required") });
  const { system: s, application: a } = await findApplication(ctx.db, ctx.actor, system, application);
  const dc = await ctx.db.dataCentre.findUnique({ where: { name: dataCentre } });
  if (!dc) throw notFound("Data centre", dataCentre);
  const harbor = new HarborClient(dc.harborUrl, dc.harborUsername, secrets().open(dc.harborPasswordEnc));
  try {
    const repository = `${s.name}/${a.name}`;
    const registry = new URL(dc.harborUrl).host;
    const items = (await harbor.listTags(s.name, a.name)).map(({ tag, digest, pushedAt }) => ({ tag, digest, pushedAt }));
    return { dataCentre: dc.name, registry, repository, pushTo: `${registry}/${repository}`, items };
  } catch (e) {
    // People are told the status at most; HarborClient logged the body, and a connection error's
    // details (addresses, ports) go to the log here.
    const status = (e as { status?: number }).status;
    if (!status) logOutboundFailure(`listing the images of ${dc.name}`, e);
    throw status ? domainError("registry_answered", { dataCentre: dc.name, status }) : domainError("registry_unreachable", { dataCentre: dc.name });
  }
}
