import { randomBytes } from "node:crypto";
import { secrets } from "@capstan/db/secrets";
import { canWriteInSystem, domainError } from "@capstan/domain";
import type { Context } from "../context";
import { findApplication } from "../lookups";
import { mutation } from "../mutation";
import { withSecret } from "../secret-result";

/** Where git hosts send an application's pushes, from the portal's origin. */
export const webhookPath = (system: string, application: string) => `/api/v1/hooks/git/${system}/${application}`;

/**
 * Makes (or replaces) an application's webhook secret: 32 random bytes, base64url, sealed in the database
 * and shown only in this answer (never kept for Idempotency-Key replays). The old secret stops working at
 * once. Developers of the system may.
 * @throws DomainError forbidden_build (403)
 */
export async function rotateWebhookSecret(ctx: Context, system: string, application: string) {
  return mutation(ctx, async (tx, audit) => {
    const { system: s, application: a } = await findApplication(tx, ctx.actor, system, application);
    if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_build", { system });
    const secret = randomBytes(32).toString("base64url");
    const sealed = secrets().seal(secret);
    await tx.applicationWebhook.upsert({
      where: { applicationId: a.id },
      create: { applicationId: a.id, secretEnc: sealed },
      update: { secretEnc: sealed, rotatedAt: new Date() },
    });
    await audit({
      action: "application.webhook-rotate",
      targetType: "application",
      targetId: `${system}/${application}`,
      targetName: application,
      departmentId: s.departmentId,
      systemId: s.id,
    });
    return withSecret({ url: webhookPath(system, application), secret });
  });
}
