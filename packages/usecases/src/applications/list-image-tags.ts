import { secrets } from "@capstan/db/secrets";
import { DomainError, invalid, notFound } from "@capstan/domain";
import { HarborClient } from "@capstan/orchestrator";
import type { Context } from "../context";
import { findApplication } from "../lookups";

/** An application's image tags in one data centre's Harbor, newest push first, with digests. */
export async function listImageTags(ctx: Context, system: string, application: string, dataCentre: string) {
  if (!dataCentre) throw invalid("Say which data centre's registry to list.", { dataCentre: "is required" });
  const { system: s, application: a } = await findApplication(ctx.db, ctx.actor, system, application);
  const dc = await ctx.db.dataCentre.findUnique({ where: { name: dataCentre } });
  if (!dc) throw notFound("Data centre", dataCentre);
  const harbor = new HarborClient(dc.harborUrl, dc.harborUsername, secrets().open(dc.harborPasswordEnc));
  try {
    return { dataCentre: dc.name, repository: `${s.name}/${a.name}`, items: await harbor.listTags(s.name, a.name) };
  } catch (e) {
    throw new DomainError("registry_unavailable", 502, `The registry of ${dc.name} did not answer: ${(e as Error).message}`);
  }
}
