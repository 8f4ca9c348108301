// Push webhooks from git hosts (docs/builds.md): which host sent it, whether it proves the application's
// secret, and what was pushed. Sources: GitHub "Validating webhook deliveries" (X-Hub-Signature-256:
// "sha256=" + hex HMAC-SHA256 of the raw body; X-GitHub-Event, X-GitHub-Delivery), Gitea's webhook docs
// (X-Gitea-Signature: hex HMAC-SHA256 of the raw body, no prefix; X-Gitea-Event, X-Gitea-Delivery) and
// GitLab's (X-Gitlab-Token: the secret itself; X-Gitlab-Event "Push Hook", X-Gitlab-Event-UUID).
import { createHmac, timingSafeEqual } from "node:crypto";

export type GitProvider = "github" | "gitea" | "gitlab";

/** What a delivery says, once its signature is checked. */
export interface GitPush {
  provider: GitProvider;
  /** The host's id of this delivery (repeated by redeliveries). */
  deliveryId: string;
  /** Whether the event is a push (others are acknowledged and ignored). */
  isPush: boolean;
  /** The branch pushed to (refs/heads/<branch>), null for tags and deletions. */
  branch: string | null;
  /** The commit the branch now points at (40 hex), null for deletions. */
  commit: string | null;
}

const header = (h: Headers, name: string) => h.get(name) ?? "";
const same = (a: string, b: string) => {
  const x = Buffer.from(a),
    y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};
const hmac = (secret: string, body: Uint8Array) => createHmac("sha256", secret).update(body).digest("hex");

/** The provider whose headers the delivery carries, or null when none of the three. */
export function gitProvider(h: Headers): GitProvider | null {
  if (h.has("x-gitea-event")) return "gitea"; // Gitea also sends X-GitHub-Event, so it is asked first
  if (h.has("x-github-event")) return "github";
  if (h.has("x-gitlab-event")) return "gitlab";
  return null;
}

/**
 * Whether the delivery proves `secret`: GitHub's and Gitea's HMAC of the raw body, GitLab's token; all
 * compared in constant time. False when the header is missing.
 */
export function verifyGitWebhook(provider: GitProvider, h: Headers, body: Uint8Array, secret: string): boolean {
  if (provider === "github") return same(header(h, "x-hub-signature-256"), `sha256=${hmac(secret, body)}`);
  if (provider === "gitea") return same(header(h, "x-gitea-signature"), hmac(secret, body));
  return same(header(h, "x-gitlab-token"), secret);
}

/** The push in a verified delivery; null when the body is not the JSON these hosts send. */
export function parseGitPush(provider: GitProvider, h: Headers, body: Uint8Array): GitPush | null {
  let json: { ref?: unknown; after?: unknown; checkout_sha?: unknown };
  try {
    json = JSON.parse(Buffer.from(body).toString("utf8")) as typeof json;
  } catch {
    return null;
  }
  if (json === null || typeof json !== "object") return null;
  const event = provider === "gitlab" ? header(h, "x-gitlab-event") : header(h, provider === "gitea" ? "x-gitea-event" : "x-github-event");
  const deliveryId = (
    provider === "github" ? header(h, "x-github-delivery") : provider === "gitea" ? header(h, "x-gitea-delivery") : header(h, "x-gitlab-event-uuid")
  ).slice(0, 100);
  const isPush = provider === "gitlab" ? event === "Push Hook" : event === "push";
  const ref = typeof json.ref === "string" ? json.ref : "";
  const sha = typeof json.after === "string" ? json.after : typeof json.checkout_sha === "string" ? json.checkout_sha : "";
  const commit = /^[0-9a-f]{40}$/.test(sha) && !/^0+$/.test(sha) ? sha : null; // all zeros: the branch was deleted
  return { provider, deliveryId, isPush, branch: ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : null, commit };
}
