// An application's image builds, its push webhook secret, and the webhook git hosts call (docs/builds.md).
import { BuildCreate, BuildListQuery, BuildLogQuery, BuildPageSchema, BuildSchema, WebhookResultSchema, WebhookSecretSchema } from "@capstan/domain";
import { COMMON_ERRORS, route } from "./route";

const BUILDS = "/systems/{system}/applications/{app}/builds";

export const createBuild = route({
  method: "POST",
  path: BUILDS,
  tag: "builds",
  summary: "Build the application's image",
  body: { BuildCreate },
  response: {
    status: 202,
    description:
      "The build, queued (or the build of the same commit, Dockerfile and context already queued, running or done); it runs as a Job in the data centre's cluster and pushes `<registry>/<system>/<app>:<tag>`. 409 when the application has no git repository or the system no quota in the data centre",
    body: { BuildSchema },
  },
});
export const listBuilds = route({
  method: "GET",
  path: BUILDS,
  tag: "builds",
  summary: "An application's builds, newest first",
  query: BuildListQuery,
  keyset: true,
  response: { status: 200, description: "A page of builds (keyset: pass `nextCursor` as `cursor`)", body: { BuildPageSchema } },
});
export const getBuild = route({
  method: "GET",
  path: `${BUILDS}/{build}`,
  tag: "builds",
  summary: "A build",
  response: { status: 200, description: "The build", body: { BuildSchema } },
});
export const buildLog = route({
  method: "GET",
  path: `${BUILDS}/{build}/logs`,
  tag: "builds",
  summary: "A build's log (text/plain)",
  query: BuildLogQuery,
  response: {
    status: 200,
    text: true,
    description: "The build's output as text/plain; with `follow=true` while it runs, streamed until the build ends. After the build, its last 256 KiB",
  },
});
export const cancelBuild = route({
  method: "POST",
  path: `${BUILDS}/{build}/cancel`,
  tag: "builds",
  summary: "Cancel a build",
  response: {
    status: 200,
    description: "The build: CANCELLED if it was queued, else CANCELLED once its Job is gone. 409 when it has ended",
    body: { BuildSchema },
  },
});
export const rotateWebhookSecret = route({
  method: "POST",
  path: "/systems/{system}/applications/{app}/webhook-secret",
  tag: "builds",
  summary: "Make or replace the application's push webhook secret",
  response: {
    status: 200,
    description: "The webhook's URL and its new secret, shown only now (the previous secret stops working)",
    body: { WebhookSecretSchema },
  },
});
export const gitWebhook = route({
  method: "POST",
  path: "/hooks/git/{system}/{app}",
  tag: "builds",
  summary: "A git host's push webhook (GitHub, Gitea, GitLab)",
  public: true,
  response: {
    status: 202,
    description:
      "Signed with the application's secret (X-Hub-Signature-256, X-Gitea-Signature or X-Gitlab-Token): a push to the application's branch queues a build of the pushed commit; a repeated delivery starts nothing. 401 for a bad signature (nothing is queued)",
    body: { WebhookResultSchema },
  },
  errors: [...COMMON_ERRORS, 413],
});
