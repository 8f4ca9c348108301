// Their language and their time: a zh-CN user reads the server's refusals in Chinese (rendered by the
// portal from each refusal's reason and params), and a browser in Asia/Shanghai reads every instant in its
// own zone, labelled, the same on every page, with no hydration mismatch (React's error #418) or other
// console error.
import { type Browser, expect, type Page, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

/** A signed-in page reading the portal in Chinese. */
async function chinese(browser: Browser, who: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who);
  const { hostname } = new URL(page.url());
  await context.addCookies([{ name: "capstan-locale", value: "zh-CN", domain: hostname, path: "/" }]);
  return page;
}

test("a zh-CN user sees a Chinese validation message and a Chinese quota refusal", async ({ browser }) => {
  test.setTimeout(180_000);
  const lead = await chinese(browser, DEMO.lead);
  await lead.goto("/systems/new");
  await expect(lead.locator("html")).toHaveAttribute("lang", "zh-CN");
  // The page's title and landmarks are in Chinese too.
  await expect(lead).toHaveTitle("新建系统 · Capstan");
  await expect(lead.getByRole("navigation", { name: "主导航" })).toBeVisible();
  await lead.locator('input[name="name"]').fill("Not_A_Label");
  await lead.locator('input[name="displayName"]').fill("不合规的名称");
  await lead.getByRole("button", { name: "创建" }).click();
  // The field says why in Chinese, and so does the form's summary: no English left in either.
  await expect(lead.getByText("必须是 DNS-1123 标签：小写字母、数字和“-”，以字母或数字开头和结尾", { exact: true })).toBeVisible();
  await expect(lead.getByRole("alert").filter({ hasText: "请求无效" })).toHaveText(/^请求无效：名称 必须是 DNS-1123 标签/); // the field by its label, not the API's name

  // shop has 10 instances in dc1 and its demo groups use 5: nine replicas of cart/api (two now) do not fit.
  const dev = await chinese(browser, DEMO.dev);
  await dev.goto("/systems/shop/applications/cart/groups/api");
  // The refusal names the replicas field: the shortfall is shown under it, with the total asked beside the growth.
  const refusal = dev.getByText(/^实例：共申请 9，新增 7，剩余 \d+$/);
  // Until the page has hydrated, the form would be submitted by the browser itself: try again until React answers.
  await expect(async () => {
    await dev.getByLabel("副本数").fill("9");
    await dev.getByRole("button", { name: "扩缩容" }).click();
    await expect(refusal).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
});

/**
 * Errors the page reports: console errors (React's hydration errors among them), uncaught exceptions, and
 * failed loads by their URL (the console's own line for them names none). The browser's own request for
 * /favicon.ico is not the portal's: the portal has no favicon yet (issue 14, "Anywhere").
 */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => (m.type() === "error" && !m.text().startsWith("Failed to load resource") ? errors.push(m.text()) : undefined));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("response", (r) => (r.status() >= 400 && new URL(r.url()).pathname !== "/favicon.ico" ? errors.push(`${r.status()} ${r.url()}`) : undefined));
  return errors;
}

/** `iso` as Asia/Shanghai reads it (UTC+8 all year, no daylight saving), computed without the portal's code. */
const shanghai = (iso: string, seconds: boolean) => {
  const local = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, seconds ? 19 : 16)} UTC+8`;
};

/** Every <time> in `scope` shows its instant in Shanghai time, labelled; returns how many there were. */
async function expectShanghaiTimes(page: Page, scope = page.locator("main")) {
  const times = scope.locator("time");
  await expect(times.first()).toBeVisible();
  // The server renders in UTC until the browser has told it its zone; the browser then re-renders in its own.
  await expect(times.first()).toContainText("UTC+8");
  const all = await times.evaluateAll((els) => els.map((e) => ({ iso: e.getAttribute("datetime") ?? "", text: e.textContent ?? "" })));
  for (const { iso, text } of all) expect(text).toBe(shanghai(iso, text.length > "2026-01-01 00:00 UTC+8".length));
  return all;
}

test("a browser in Asia/Shanghai sees the same labelled local time on the node page, the fleet overview, the audit log and a group page", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  const errors = consoleErrors(page);
  await signIn(page, DEMO.admin);

  // The fleet overview lists the nodes' recent transitions (the worker moves each new node to Init).
  await expect(async () => {
    await page.goto("/nodes/overview");
    await expect(page.getByRole("region", { name: "Recent transitions" }).locator("time").first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  const recent = page.getByRole("region", { name: "Recent transitions" });
  const overview = await expectShanghaiTimes(page, recent);
  const row = recent.getByRole("row").nth(1);
  const at = await row.locator("time").getAttribute("datetime");
  const shown = await row.locator("time").textContent();

  // The same transition on its node's page, at the same time in the same words.
  await row.getByRole("link").click();
  await expect(page.locator(`main time[datetime="${at}"]`).first()).toHaveText(shown!);
  await expectShanghaiTimes(page);

  await page.goto("/audit");
  await expectShanghaiTimes(page);

  // The second request onwards: the server already renders in the browser's zone (the capstan-tz cookie).
  await page.goto("/systems/shop/applications/cart/groups/api");
  const history = page.getByRole("region", { name: "Release history" });
  await expectShanghaiTimes(page, history);
  const html = await (await page.request.get("/nodes/overview")).text();
  expect(html).toContain(shanghai(overview[0]!.iso, false));

  expect(errors).toEqual([]);
});
