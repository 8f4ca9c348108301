// Cross-site request forgery against the REST API, with Chromium as the victim's browser: a page on
// another port of the same host is the same *site* as the portal, so SameSite=Lax does not stop the
// session cookie from riding along on its form posts. The API must refuse them (docs/security/browser.md).
import { expect, type APIRequestContext, test } from "@playwright/test";
import { type Attacker, autoSubmittingForm, startAttacker } from "./attacker";
import { cliToken, csrfHeaders, DEMO, signIn, unique } from "./helpers";

const group = unique("csrf");
const groupUrl = `/api/v1/systems/shop/applications/cart/groups/${group}`;
let auth: { Authorization: string };
let attacker: Attacker;
let portal: string;

const revision = async (request: APIRequestContext): Promise<number> => (await (await request.get(groupUrl, { headers: auth })).json()).revision;

test.beforeAll(async ({ request }, info) => {
  portal = info.project.use.baseURL!;
  auth = { Authorization: `Bearer ${cliToken(DEMO.dev.email)}` };
  // No replicas: the group takes no quota and its restarts replace no pod, yet each is a new revision.
  const created = await request.post("/api/v1/systems/shop/applications/cart/groups", {
    headers: auth,
    data: { name: group, dataCentre: "dc2", imageTag: "2.0.0", replicas: 0, cpu: "100m", memory: "128Mi" },
  });
  expect(created.status()).toBe(201);
  const restart = `${portal}${groupUrl}/restart`;
  attacker = await startAttacker({
    // The three encodings an HTML form can send; none needs a CORS preflight.
    "/urlencoded": autoSubmittingForm(restart, "application/x-www-form-urlencoded"),
    "/text": autoSubmittingForm(restart, "text/plain"),
    "/multipart": autoSubmittingForm(restart, "multipart/form-data"),
    // A script: a "simple" no-cors POST goes out unasked; one with the custom header needs a preflight first.
    "/fetch": `<!doctype html><script>
      (async () => {
        await fetch(${JSON.stringify(restart)}, { method: "POST", credentials: "include", mode: "no-cors" });
        let custom = "sent";
        try {
          await fetch(${JSON.stringify(restart)}, { method: "POST", credentials: "include", headers: { "X-Capstan-Csrf": "1" } });
        } catch {
          custom = "blocked";
        }
        document.title = "done " + custom;
      })();
    </script>`,
  });
});

test.afterAll(async ({ request }) => {
  await attacker?.close();
  await request.delete(groupUrl, { headers: auth });
});

test("a page on another origin of the same site cannot restart a group with the visitor's session", async ({ page, context }) => {
  await signIn(page, DEMO.dev);
  const session = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(session).toMatchObject({ sameSite: "Lax", httpOnly: true });
  const before = await revision(page.request);

  for (const form of ["/urlencoded", "/text", "/multipart"]) {
    const answer = page.waitForResponse((r) => r.url().endsWith(`${group}/restart`));
    await page.goto(`${attacker.origin}${form}`);
    const response = await answer;
    expect(response.status(), form).toBe(403);
    expect((await response.json()).error.code, form).toBe("csrf");
  }

  const simple = page.waitForResponse((r) => r.url().endsWith(`${group}/restart`) && r.request().method() === "POST");
  await page.goto(`${attacker.origin}/fetch`);
  expect((await simple).status()).toBe(403);
  // Capstan grants no CORS preflight, so the request that would carry the header is never sent.
  await expect(page).toHaveTitle("done blocked");

  expect(await revision(page.request)).toBe(before);
});

test("the portal's own restart works, and the API says what a cookie request lacks", async ({ page }) => {
  await signIn(page, DEMO.dev);
  const before = await revision(page.request);
  await page.goto(`/systems/shop/applications/cart/groups/${group}`);
  await page.getByRole("button", { name: "Rolling restart" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Rolling restart" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect.poll(() => revision(page.request)).toBe(before + 1);

  // The same session, outside the portal's pages: each proof alone is not enough.
  const restart = `${groupUrl}/restart`;
  const bare = await page.request.post(restart);
  expect(bare.status()).toBe(403);
  expect(await bare.json()).toMatchObject({ error: { code: "csrf", fields: { "X-Capstan-Csrf": "is missing" } } });
  const foreign = await page.request.post(restart, { headers: { ...csrfHeaders(portal), Origin: attacker.origin } });
  expect(foreign.status()).toBe(403);
  expect((await foreign.json()).error.fields).toEqual({ Origin: `must be ${portal}` });
  const noOrigin = await page.request.post(restart, { headers: { "X-Capstan-Csrf": "1" } });
  expect((await noOrigin.json()).error.fields).toEqual({ Origin: "is missing (and so is Referer)" });
  const referer = await page.request.post(restart, { headers: { "X-Capstan-Csrf": "1", Referer: `${portal}/groups` } });
  expect(referer.status()).toBe(200);
  expect((await page.request.post(restart, { headers: csrfHeaders(portal) })).status()).toBe(200);
  expect(await revision(page.request)).toBe(before + 3);
});

test("bearer tokens carry no ambient authority and need neither header", async ({ request }) => {
  const before = await revision(request);
  expect((await request.post(`${groupUrl}/restart`, { headers: auth })).status()).toBe(200);
  expect(await revision(request)).toBe(before + 1);
});

test("server actions refuse a post from another origin (Next compares Origin with Host)", async ({ page }) => {
  await signIn(page, DEMO.dev);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  // The language switch's action, as anyone signed in can read it from the page's HTML.
  const action = /name="(\$ACTION_ID_[0-9a-f]+)"\/><input type="hidden" name="locale"/.exec(await (await page.request.get("/")).text())?.[1];
  expect(action).toBeDefined();
  const fields = `<input type="hidden" name="${action}"><input type="hidden" name="locale" value="zh-CN">`;
  const lure = await startAttacker({
    "/": `<!doctype html><form id="f" method="POST" action="${portal}/" enctype="multipart/form-data">${fields}</form><script>document.getElementById("f").submit()</script>`,
  });
  try {
    const answer = page.waitForResponse((r) => r.url() === `${portal}/` && r.request().method() === "POST");
    await page.goto(lure.origin);
    expect((await answer).status()).toBeGreaterThanOrEqual(400);
  } finally {
    await lure.close();
  }
  // The locale cookie the action would have set is not there: the portal still speaks English.
  const lang = async () => /<html lang="([^"]+)"/.exec(await (await page.request.get("/")).text())?.[1];
  expect(await lang()).toBe("en");

  // The same form from the portal's own origin works, so only the origin made the difference.
  const submitFromPortal = async (html: string) => {
    const answer = page.waitForResponse((r) => r.url() === `${portal}/` && r.request().method() === "POST");
    await page.evaluate((html) => {
      const form = document.createElement("form");
      Object.assign(form, { method: "POST", action: "/", enctype: "multipart/form-data", innerHTML: html });
      document.body.append(form);
      form.submit();
    }, html);
    return (await answer).status();
  };
  expect(await submitFromPortal(fields)).toBe(200);
  expect(await lang()).toBe("zh-CN");

  // The switch also stores the language on the account, which later specs' e-mails to this person are
  // written in: put English back.
  expect(await submitFromPortal(fields.replace('value="zh-CN"', 'value="en"'))).toBe(200);
  expect(await lang()).toBe("en");
});
