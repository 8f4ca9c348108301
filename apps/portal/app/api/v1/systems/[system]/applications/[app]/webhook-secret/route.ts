import { rotateWebhookSecret } from "@capstan/usecases";
import { builds } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const POST = api(builds.rotateWebhookSecret, async (ctx, req, p) => {
  const r = await rotateWebhookSecret(ctx, p.system, p.app);
  // Absolute, as git hosts need it; the secret-holding mark (withSecret) stays on the object returned.
  return Object.assign(r, { url: new URL(r.url, req.url).toString() });
});
