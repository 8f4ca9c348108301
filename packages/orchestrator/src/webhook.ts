// Outbound notifications to IM bots (WeCom, DingTalk, Slack incoming webhooks): one JSON POST per message,
// through the outbound policy (docs/security/outbound.md) and under a deadline. A webhook URL is a
// secret (its path or query is the bot's key), so no error or log line here ever contains it: only its host.
import http from "node:http";
import https from "node:https";
import { callTimeoutMs } from "./deadline";
import { destinationProblem, guardAgent, logOutboundFailure, OutboundRefused, outboundPolicy, type OutboundPolicy } from "./outbound";

/**
 * Why a webhook URL may not be used, or null: http(s), no user name or password, no fragment (unlike a
 * cluster's URL a query string is allowed: WeCom's `?key=` and DingTalk's `?access_token=` carry the bot's
 * key there), and a host whose addresses the policy allows. A name that does not resolve yet is accepted:
 * each delivery is checked again when it connects.
 */
export function webhookUrlProblem(text: string, policy: OutboundPolicy = outboundPolicy()): Promise<string | null> {
  return destinationProblem(text, policy, undefined, { query: true });
}

/** A webhook's refusal or failure; `message` names the host and the status, never the URL. */
export class WebhookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookError";
  }
}

/**
 * POSTs `body` as JSON to `url` and resolves when it answers 2xx; throws a WebhookError naming only the
 * host otherwise (a non-2xx status, a refused address, no answer within `timeoutMs`, default
 * CAPSTAN_CALL_TIMEOUT_SECONDS). Redirects are not followed. Some bots answer 200 with an error code in
 * the body (WeCom, DingTalk: `errcode` ≠ 0), which counts as a failure too.
 */
export async function postWebhook(url: string, body: unknown, opts: { timeoutMs?: number; policy?: OutboundPolicy } = {}): Promise<void> {
  const target = new URL(url);
  const payload = JSON.stringify(body);
  const timeoutMs = opts.timeoutMs ?? callTimeoutMs();
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = (target.protocol === "https:" ? https : http).request(
      target,
      {
        method: "POST",
        agent: guardAgent(target.protocol === "https:" ? new https.Agent() : new http.Agent(), target, opts.policy ?? outboundPolicy()),
        headers: { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(payload) },
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          if (text.length < 4096) text += c; // an answer is a status line of JSON; the rest is not read
        });
        res.on("error", reject);
        res.on("end", () => resolve({ status: res.statusCode ?? 500, text }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  }).catch((e: Error) => {
    logOutboundFailure(`webhook to ${target.host}`, e.name === "TimeoutError" || e.name === "AbortError" ? `no answer within ${timeoutMs / 1000} s` : e);
    throw new WebhookError(e instanceof OutboundRefused ? e.message : `the webhook at ${target.host} could not be reached`);
  });
  if (status < 200 || status > 299) throw new WebhookError(`the webhook at ${target.host} answered ${status}`);
  const errcode = errcodeOf(text);
  if (errcode) throw new WebhookError(`the webhook at ${target.host} answered errcode ${errcode}`);
}

const errcodeOf = (text: string): number | null => {
  try {
    const code = (JSON.parse(text) as { errcode?: unknown }).errcode;
    return typeof code === "number" && code !== 0 ? code : null;
  } catch {
    return null;
  }
};
