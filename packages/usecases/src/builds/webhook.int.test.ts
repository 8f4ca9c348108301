// Push webhooks (docs/builds.md): GitHub's and Gitea's HMAC signatures and GitLab's token, each good, bad
// and repeated; a bad one answers 401 and queues nothing. Real PostgreSQL; no worker (the queued build
// and its job are what is checked).
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { buildWorld, grantQuota, type World } from "../testing/fixtures";
import { getApplication } from "../applications/get-application";
import { registerDataCentre } from "../data-centres/register-data-centre";
import { receiveGitPush } from "./receive-git-push";
import { rotateWebhookSecret } from "./rotate-webhook-secret";

let world: World;
let secret: string;
const COMMIT = "a".repeat(40);

beforeAll(async () => {
  const { db } = await testDatabase();
  world = await buildWorld(db);
  await registerDataCentre(world.as.platformAdmin, {
    name: "dc1",
    displayName: "DC",
    region: "r",
    harborUrl: "http://h.test",
    harborUsername: "a",
    harborPassword: "p",
  });
  await grantQuota(world, "dc1");
  await db.application.updateMany({ where: { name: "storefront" }, data: { gitRepository: "https://git.example.com/shop/storefront.git" } });
  ({ secret } = await rotateWebhookSecret(world.as.developer, "shop", "storefront"));
});
afterAll(() => world?.db.$disconnect());

type Provider = "github" | "gitea" | "gitlab";
/** A delivery as each host signs it. */
function delivery(provider: Provider, payload: object, id: string, key = secret) {
  const body = new TextEncoder().encode(JSON.stringify(payload));
  const mac = createHmac("sha256", key).update(body).digest("hex");
  const headers = new Headers(
    provider === "github"
      ? { "x-github-event": "push", "x-github-delivery": id, "x-hub-signature-256": `sha256=${mac}` }
      : provider === "gitea"
        ? { "x-gitea-event": "push", "x-github-event": "push", "x-gitea-delivery": id, "x-gitea-signature": mac }
        : { "x-gitlab-event": "Push Hook", "x-gitlab-event-uuid": id, "x-gitlab-token": key },
  );
  return { headers, body };
}
const push = (commit: string, branch = "main") => ({ ref: `refs/heads/${branch}`, after: commit, checkout_sha: commit });
const status = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { status?: number }) => e.status,
  );
const builds = () => world.db.build.count();

describe("git push webhooks", () => {
  for (const [i, provider] of (["github", "gitea", "gitlab"] as const).entries()) {
    it(`${provider}: a signed push to the branch queues a build of its commit once; a bad signature is 401 and queues nothing`, async () => {
      const commit = String(i + 1).repeat(40);
      const before = await builds();
      const bad = delivery(provider, push(commit), `bad-${provider}`, "not-the-secret");
      expect(await status(receiveGitPush(world.db, "shop", "storefront", bad.headers, bad.body))).toBe(401);
      expect(await builds()).toBe(before);

      const good = delivery(provider, push(commit), `d-${provider}`);
      const first = await receiveGitPush(world.db, "shop", "storefront", good.headers, good.body);
      expect(first).toMatchObject({ ignored: null, build: { commit, ref: "main", trigger: "WEBHOOK", status: "QUEUED", dataCentre: "dc1" } });
      const jobs = await world.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker.jobs WHERE key = ${`build:${first.build!.id}`}`;
      expect(Number(jobs[0]!.n)).toBe(1);
      // The same delivery again (a redelivery): nothing new.
      const again = await receiveGitPush(world.db, "shop", "storefront", good.headers, good.body);
      expect(again).toMatchObject({ ignored: "repeated", build: { id: first.build!.id } });
      expect(await builds()).toBe(before + 1);
      // Another branch: acknowledged, nothing built.
      const other = delivery(provider, push(COMMIT, "feature"), `f-${provider}`);
      expect(await receiveGitPush(world.db, "shop", "storefront", other.headers, other.body)).toEqual({ build: null, ignored: "branch" });
      expect(await builds()).toBe(before + 1);
    });
  }

  it("unknown applications and rotated secrets answer the same 401; other senders are 400", async () => {
    const d = delivery("github", push(COMMIT), "x");
    expect(await status(receiveGitPush(world.db, "shop", "nope", d.headers, d.body))).toBe(401);
    expect(await status(receiveGitPush(world.db, "nope", "storefront", d.headers, d.body))).toBe(401);
    await rotateWebhookSecret(world.as.developer, "shop", "storefront");
    expect(await status(receiveGitPush(world.db, "shop", "storefront", d.headers, d.body))).toBe(401);
    expect(await status(receiveGitPush(world.db, "shop", "storefront", new Headers(), d.body))).toBe(400);
  });

  it("tells the application's readers whether a secret was made, never the secret", async () => {
    expect(await getApplication(world.as.platformAdmin, "ledger", "billing")).toMatchObject({ hasWebhookSecret: false });
    const { secret: made } = await rotateWebhookSecret(world.as.platformAdmin, "ledger", "billing");
    const billing = await getApplication(world.as.platformAdmin, "ledger", "billing");
    expect(billing.hasWebhookSecret).toBe(true);
    expect(JSON.stringify(billing)).not.toContain(made);
    expect(await getApplication(world.as.viewer, "shop", "storefront")).toMatchObject({ hasWebhookSecret: true });
  });
});
