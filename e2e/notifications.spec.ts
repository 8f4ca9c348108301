// Notifications in the browser: a developer refused by the quota follows "Ask for more quota" (pre-filled)
// and asks; the department admin's bell counts it without a reload; the admin approves from the
// notification; the developer is notified; and both e-mails reach a real SMTP server run here, to which
// the worker sends (CAPSTAN_SMTP_* in playwright.config.ts).
import { expect, type Page, test } from "@playwright/test";
import { E2E_SMTP_PORT } from "../playwright.config";
import { startSmtpSink } from "../tests/smtp-sink";
import { csrfHeaders, DEMO, signIn, unique } from "./helpers";

let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

test.beforeAll(async () => {
  smtp = await startSmtpSink(E2E_SMTP_PORT);
});
test.afterAll(async () => {
  await smtp.close();
});

/** Starts from nothing unread, so the counts below are this test's. */
async function readEverything(page: Page, baseURL: string) {
  expect((await page.request.post("/api/v1/notifications/read", { headers: csrfHeaders(baseURL) })).ok()).toBe(true);
  await page.reload();
  await expect(page.getByTestId("notification-bell")).toBeVisible();
  await expect(page.getByTestId("notification-count")).toHaveCount(0);
}
const mailTo = (email: string, subject: RegExp) => smtp.mails.find((m) => m.to.includes(email) && subject.test(m.raw));

test("a developer's quota request reaches the lead's bell; approved from the notification, the developer hears of it, by e-mail too", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const reason = unique("room for the sale");
  const lead = await (await browser.newContext()).newPage();
  await signIn(lead, DEMO.lead);
  await readEverything(lead, baseURL!);
  const dev = await (await browser.newContext()).newPage();
  await signIn(dev, DEMO.dev);
  await readEverything(dev, baseURL!);
  // The approval below raises the demo system's quota, which later specs count on: put it back afterwards.
  const before = (await (await lead.request.get("/api/v1/systems/shop/quotas/dc1")).json()) as {
    quota: { cpuMillis: number; memoryMiB: number; gpu: number; instances: number };
  };
  try {
    await askAndApprove(lead, dev, reason);
  } finally {
    const { cpuMillis, memoryMiB, gpu, instances } = before.quota;
    const restored = await lead.request.put("/api/v1/systems/shop/quotas/dc1", {
      headers: csrfHeaders(baseURL!),
      data: { cpu: `${cpuMillis}m`, memory: `${memoryMiB}Mi`, gpu, instances },
    });
    expect(restored.status()).toBe(200);
  }
});

/** The developer is refused, asks for more quota, the lead approves from the notification, and both hear of it. */
async function askAndApprove(lead: Page, dev: Page, reason: string) {
  // Scaling far beyond the system's quota is refused, with a way to ask for what is missing.
  await dev.goto("/systems/shop/applications/storefront/groups/web-dc1");
  await dev.getByLabel("Replicas").fill("60");
  await dev.getByRole("button", { name: "Scale" }).click();
  await dev.getByTestId("ask-for-quota").click();
  await expect(dev).toHaveURL(/\/quotas\?system=shop&dataCentre=dc1&/);
  const ask = dev.getByRole("form", { name: "Ask for more quota" });
  await expect(ask.getByLabel("System")).toHaveValue("shop");
  await expect(ask.getByLabel("Data centre")).toHaveValue("dc1");
  await expect(ask.getByLabel("Instances")).not.toHaveValue("");
  await ask.getByLabel("Reason").fill(reason);
  await ask.getByRole("button", { name: "Send request" }).click();
  await expect(dev.getByRole("row", { name: new RegExp(reason) })).toContainText("Pending");

  // The lead's page, open all along, counts it without a reload.
  await expect(lead.getByTestId("notification-count")).toBeVisible({ timeout: 30_000 });
  await lead.getByTestId("notification-bell").click();
  await lead.getByRole("region", { name: "Notifications" }).getByRole("link", { name: "Dana Dev asks for more quota for shop in dc1." }).click();
  await expect(lead).toHaveURL(/\/quotas\?request=/);
  const request = lead.getByRole("row", { name: new RegExp(reason) });
  await request.getByRole("button", { name: "Approve" }).click();
  await request.getByRole("form", { name: "Approve" }).getByRole("button", { name: "Approve" }).click();
  await expect(request).toHaveCount(0);
  await lead.getByTestId("notification-bell").click();
  await expect(
    lead.getByRole("region", { name: "Notifications" }).getByRole("listitem").filter({ hasText: "Dana Dev asks for more quota" }).first(),
  ).not.toContainText("Mark read"); // opened, so read

  // The developer hears of the decision, in the portal and by e-mail; the lead was e-mailed the request.
  await expect(dev.getByTestId("notification-count")).toBeVisible({ timeout: 30_000 });
  await dev.getByTestId("notification-bell").click();
  await expect(
    dev.getByRole("region", { name: "Notifications" }).getByRole("link", { name: "Li Lead approved your quota request for shop in dc1." }),
  ).toBeVisible();
  await expect.poll(() => mailTo("lead@capstan.local", /^Subject: \[Capstan\] Dana Dev asks for more quota/m), { timeout: 60_000 }).toBeTruthy();
  await expect.poll(() => mailTo("dev@capstan.local", /^Subject: \[Capstan\] Li Lead approved your quota request/m), { timeout: 60_000 }).toBeTruthy();
}
