// A push webhook from a git host (POST /api/v1/hooks/git/{system}/{app}): no user, so it is not a use
// case of index.ts. The delivery proves the application's secret, or nothing is read, queued or said.
import type { Db } from "@capstan/db";
import { secrets } from "@capstan/db/secrets";
import { domainError } from "@capstan/domain";
import { toBuildDto } from "./build-dto";
import { gitProvider, parseGitPush, verifyGitWebhook } from "./git-webhook";
import { queueBuild } from "./queue-build";

/**
 * Builds the pushed commit when the push is to the application's branch. A delivery seen before (same
 * delivery id) starts nothing and answers the build it started. Audited as done by "webhook:<provider>".
 * @throws DomainError webhook_event_unknown (400: not one of the three hosts' headers, or not their JSON),
 * webhook_signature_invalid (401: also for an unknown system or application, or one without a secret, so
 * nothing is revealed), and queueBuild's refusals (409)
 */
export async function receiveGitPush(db: Db, system: string, application: string, headers: Headers, body: Uint8Array) {
  const provider = gitProvider(headers);
  if (!provider) throw domainError("webhook_event_unknown");
  const s = await db.system.findUnique({ where: { name: system } });
  const a =
    s && !s.deletionRequestedAt
      ? await db.application.findUnique({ where: { systemId_name: { systemId: s.id, name: application } }, include: { webhook: true } })
      : null;
  const secret = a?.webhook ? secrets().open(a.webhook.secretEnc) : null;
  if (!s || !a || secret === null || !verifyGitWebhook(provider, headers, body, secret)) throw domainError("webhook_signature_invalid");
  const push = parseGitPush(provider, headers, body);
  if (!push) throw domainError("webhook_event_unknown");
  if (!push.isPush) return { build: null, ignored: "not_push" as const };
  if (push.branch !== a.gitBranch || !push.commit) return { build: null, ignored: "branch" as const };
  const deliveryId = push.deliveryId || undefined;
  return db.$transaction(async (tx) => {
    const names = (dc: string) => ({ system, application, dataCentre: dc });
    if (deliveryId) {
      const seen = await tx.build.findUnique({ where: { applicationId_deliveryId: { applicationId: a.id, deliveryId } }, include: { dataCentre: true } });
      if (seen) return { build: toBuildDto(seen, names(seen.dataCentre.name)), ignored: "repeated" as const };
    }
    const { build, dataCentre, created } = await queueBuild(tx, {
      system: s,
      application: a,
      ref: a.gitBranch,
      commit: push.commit!,
      trigger: "WEBHOOK",
      deliveryId,
    });
    const dto = toBuildDto(build, names(dataCentre));
    if (created)
      await tx.auditEvent.create({
        data: {
          actorEmail: `webhook:${provider}`,
          action: "build.create",
          targetType: "build",
          targetId: build.id,
          targetName: `${system}/${application}#${build.number}`,
          departmentId: s.departmentId,
          systemId: s.id,
          after: JSON.parse(JSON.stringify(dto)),
        },
      });
    return { build: dto, ignored: created ? null : ("repeated" as const) };
  });
}
