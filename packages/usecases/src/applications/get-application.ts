import { canWriteInSystem } from "@capstan/domain";
import type { Context } from "../context";
import { findApplication } from "../lookups";
import { toApplicationDto } from "./application-dto";

/**
 * One application, with its group count, whether it has a push webhook secret (never the secret:
 * docs/builds.md, "Push webhooks") and what the reader may do.
 */
export async function getApplication(ctx: Context, system: string, name: string) {
  const { system: s, application: a } = await findApplication(ctx.db, ctx.actor, system, name);
  const [groupCount, webhooks] = await Promise.all([
    ctx.db.group.count({ where: { applicationId: a.id } }),
    ctx.db.applicationWebhook.count({ where: { applicationId: a.id } }),
  ]);
  return { ...toApplicationDto(a, s.name, groupCount), hasWebhookSecret: webhooks > 0, can: { write: canWriteInSystem(ctx.actor, s) } };
}
