import type { ImageOverviewDto } from "@capstan/domain";
import type { Context } from "../context";
import { findApplication } from "../lookups";
import { harborOf, quotaDataCentres, registryFailure, registryHost } from "./registry-of";
import { tagUsers } from "./tag-users";

type Copy = ImageOverviewDto["tags"][number]["copies"][number];

/**
 * An application's image tags in every data centre where its system has a quota, read from each Harbor
 * to the end (every page): per tag, each data centre's copy (digest, size, push time and the Harbor
 * account that pushed it, from Harbor's audit log), whether all copies have the same digest, and which
 * groups' current revisions run it. A registry that cannot be read is marked `unavailable`; the rest
 * still answer. Anyone who can read the system may look.
 */
export async function listImages(ctx: Context, system: string, application: string): Promise<ImageOverviewDto> {
  const { system: s, application: a } = await findApplication(ctx.db, ctx.actor, system, application);
  const repository = `${s.name}/${a.name}`;
  const dcs = await quotaDataCentres(ctx.db, s.id);
  const perDc = await Promise.all(
    dcs.map(async (dc) => {
      const harbor = harborOf(dc);
      try {
        const [tags, pushers] = await Promise.all([harbor.listTags(s.name, a.name), harbor.pushers(s.name, a.name).catch(() => new Map<string, string>())]);
        return {
          dc,
          tags: tags.map((t): Copy => ({ dataCentre: dc.name, digest: t.digest, size: t.size, pushedAt: t.pushedAt, pushedBy: pushers.get(t.tag) ?? null })),
          names: tags.map((t) => t.tag),
        };
      } catch (e) {
        registryFailure(dc.name, e); // logged; the data centre is shown as unavailable
        return { dc, tags: null, names: [] };
      }
    }),
  );
  const byTag = new Map<string, Copy[]>();
  for (const { tags, names } of perDc) names.forEach((tag, i) => byTag.set(tag, [...(byTag.get(tag) ?? []), tags![i]!]));
  const users = await tagUsers(ctx.db, a.id, [...byTag.keys()]);
  const newest = (copies: Copy[]) => copies.reduce((m, c) => (c.pushedAt > m ? c.pushedAt : m), "");
  return {
    repository,
    dataCentres: perDc.map(({ dc, tags }) => ({
      dataCentre: dc.name,
      registry: registryHost(dc),
      pushTo: `${registryHost(dc)}/${repository}`,
      plainHttp: dc.harborUrl.startsWith("http:"),
      unavailable: tags === null,
    })),
    tags: [...byTag]
      .map(([tag, copies]) => ({ tag, sameDigest: new Set(copies.map((c) => c.digest)).size === 1, usedBy: users.get(tag) ?? [], copies }))
      .sort((x, y) => newest(y.copies).localeCompare(newest(x.copies)) || x.tag.localeCompare(y.tag)),
  };
}
