// Outbound notifications end to end in-process: a quota request raised through the use cases, the worker
// delivering by e-mail to a real SMTP server (smtp-server) and by webhook to a real HTTP server, a failed
// webhook post retried with backoff until it is accepted, and no webhook key in any log line; a delivery's
// log lines name the portal request that raised it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createQuotaRequest, registerDataCentre, setNotificationPreferences, setNotificationTarget, setOwnLocale } from "@capstan/usecases";
import { withRequestId } from "@capstan/db/request-context";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { startSmtpSink } from "../../../../tests/smtp-sink";
import { buildWorld, type World } from "../../../../packages/usecases/src/testing/fixtures";
import { waitFor } from "../admit-nodes";
import { startWorker } from "../worker";

const posts: { body: unknown; answered: number }[] = [];
let failNextPosts = 0;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let hooks: http.Server;
let world: World;
let worker: Awaited<ReturnType<typeof startWorker>>;
const logs: string[] = [];
let hookPort = 0;

const listen = (server: { listen: (port: number, host: string, cb: () => void) => unknown }, address: () => AddressInfo) =>
  new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve(address().port)));

beforeAll(async () => {
  smtp = await startSmtpSink();
  hooks = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString("utf8")));
    req.on("end", () => {
      const answered = failNextPosts-- > 0 ? 503 : 200;
      posts.push({ body: JSON.parse(text), answered });
      res.writeHead(answered, { "content-type": "application/json" }).end(answered === 200 ? '{"errcode":0}' : "{}");
    });
  });
  hookPort = await listen(hooks, () => hooks.address() as AddressInfo);

  const { db, url } = await testDatabase();
  world = await buildWorld(db);
  await registerDataCentre(world.as.platformAdmin, {
    name: "m1",
    displayName: "M1",
    region: "r",
    harborUrl: "http://h.test",
    harborUsername: "a",
    harborPassword: "p",
  });
  worker = await startWorker(db, url, {
    concurrency: 2,
    resyncMinutes: 0,
    log: (m) => logs.push(m),
    smtp: { host: "127.0.0.1", port: smtp.port, secure: false, from: "Capstan <capstan@capstan.test>", timeoutMs: 5_000 },
  });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await smtp?.close();
  await new Promise((r) => hooks?.close(() => r(undefined)));
});

const ask = () => createQuotaRequest(world.as.developer, { system: "shop", dataCentre: "m1", cpu: "1", memory: "1Gi", gpu: 0, instances: 1, reason: "launch" });

describe("outbound notifications", () => {
  it("e-mails a department admin that a quota request waits, through a real SMTP server", async () => {
    await ask();
    const [mail] = await waitFor(
      "the e-mail",
      async () => smtp.mails,
      (m) => m.length > 0,
    );
    expect(mail!.to).toEqual(["lead@capstan.test"]);
    expect(mail!.raw).toMatch(/^Subject: \[Capstan\] dev asks for more quota for shop in m1\./m);
    expect(mail!.raw).toContain("/quotas?request=");
  }, 30_000);

  it("posts to the user's webhook, retrying with backoff until it is accepted, and never logs its key", async () => {
    const lead = world.as.departmentAdmin;
    await setNotificationTarget(lead, {}, { email: null, webhookUrl: `http://127.0.0.1:${hookPort}/bot/send?key=secret-bot-key`, webhookFormat: "slack" });
    await setNotificationPreferences(lead, { preferences: [{ kind: "quota-request.waiting", inApp: true, email: false, webhook: true }] });
    failNextPosts = 1;
    // raised by a portal request: the worker's lines about its delivery name that request
    await withRequestId("req-quota-ask-1", ask);
    const done = await waitFor(
      "the webhook accepted",
      async () => posts,
      (p) => p.some((x) => x.answered === 200),
      30_000,
    );
    expect(done.map((p) => p.answered)).toEqual([503, 200]);
    expect(done[1]!.body).toEqual({ text: expect.stringMatching(/^dev asks for more quota for shop in m1\.\n\/quotas\?request=/) });
    const failed = logs.find((l) => l.includes(`webhook (quota_request_waiting) to 127.0.0.1:${hookPort} failed`));
    expect(failed).toMatch(/^\[worker\] warn: deliver-notification: .* requestId=req-quota-ask-1$/);
    expect(logs.join("\n")).not.toContain("secret-bot-key");
  }, 40_000);

  it("writes to a person who chose zh-CN in Chinese: subject and body", async () => {
    const lead = world.as.departmentAdmin;
    await setOwnLocale(lead, { locale: "zh-CN" });
    await setNotificationTarget(lead, {}, { email: null, webhookUrl: null, webhookFormat: "slack" });
    await setNotificationPreferences(lead, { preferences: [{ kind: "quota-request.waiting", inApp: true, email: true, webhook: false }] });
    const before = smtp.mails.length;
    await ask();
    const mails = await waitFor(
      "the e-mail",
      async () => smtp.mails,
      (m) => m.length > before,
    );
    const { subject, body } = decodeMail(mails[before]!.raw);
    expect(subject).toBe("[Capstan] dev 为 shop 申请在 m1 增加配额。");
    expect(body).toMatch(/^dev 为 shop 申请在 m1 增加配额。\n\n\/quotas\?request=/);
  }, 30_000);
});

/** The Subject (RFC 2047 encoded-words decoded) and the text body (quoted-printable or base64 decoded) of a raw single-part e-mail. */
function decodeMail(raw: string): { subject: string; body: string } {
  const [head = "", ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, "mi").exec(unfolded)?.[1] ?? "";
  const qp = (s: string) =>
    Buffer.from(
      s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      "latin1",
    ).toString("utf8");
  const subject = header("Subject")
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : qp(text.replace(/_/g, " ")),
    );
  const content = rest.join("\n\n");
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const body = encoding === "base64" ? Buffer.from(content, "base64").toString("utf8") : encoding === "quoted-printable" ? qp(content) : content;
  return { subject, body: body.replace(/\r\n/g, "\n") };
}
