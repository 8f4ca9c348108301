import { canWriteInSystem, domainError, fieldError, ImageTagDelete, notFound, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { findApplication } from "../lookups";
import { mutation } from "../mutation";
import { harborOf, registryFailure } from "./registry-of";
import { tagUsers } from "./tag-users";

/**
 * Removes a tag of an application's repository in one data centre's Harbor (the artifact stays under its
 * digest, so revisions pinned to it still pull). Refused with 409 image_tag_in_use, naming the groups,
 * while a group's current revision in that data centre runs the tag. Developers of the system only;
 * audited. A tag already gone is fine; a `tag` that is no image tag is a 422 naming it, before Harbor is asked.
 */
export async function deleteImageTag(ctx: Context, system: string, application: string, tagAsked: string, dataCentreAsked: string): Promise<void> {
  if (!dataCentreAsked) throw domainError("data_centre_required", {}, { dataCentre: fieldError("required") });
  const { tag, dataCentre } = parseInput(ImageTagDelete, { tag: tagAsked, dataCentre: dataCentreAsked });
  const { system: s, application: a } = await findApplication(ctx.db, ctx.actor, system, application);
  if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_change_images", { system: s.name });
  const dc = await ctx.db.dataCentre.findUnique({ where: { name: dataCentre } });
  if (!dc) throw notFound("Data centre", dataCentre);
  await mutation(ctx, async (tx, audit) => {
    // Checked in the transaction that audits: a group rolled to this tag meanwhile is seen.
    const users = (await tagUsers(tx, a.id, [tag], dc.id)).get(tag);
    if (users) throw domainError("image_tag_in_use", { tag, groups: users.map((u) => u.group).join(", ") });
    try {
      await harborOf(dc).deleteTag(s.name, a.name, tag);
    } catch (e) {
      throw registryFailure(dc.name, e);
    }
    await audit({
      action: "image.tag.delete",
      targetType: "image",
      targetId: `${s.name}/${a.name}:${tag}`,
      targetName: `${s.name}/${a.name}:${tag}`,
      departmentId: s.departmentId,
      systemId: s.id,
      before: { dataCentre: dc.name, tag },
    });
  });
}
