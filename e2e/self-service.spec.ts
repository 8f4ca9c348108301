// Self-service in the browser: a developer deploys into a simulated data centre, rolls out and back,
// outgrows the system's quota, asks for more, and a department admin approves it.
import { expect, test } from "@playwright/test";
import { DEMO, signIn, unique } from "./helpers";

test("deploy, roll out, roll back, and grow past the quota once a department admin approves more", async ({ browser }) => {
  test.setTimeout(240_000);
  const name = unique("ss");
  const dev = await (await browser.newContext()).newPage();
  await signIn(dev, DEMO.dev);
  await dev.goto("/systems/shop/applications/cart");
  await dev.getByRole("link", { name: "New group" }).click();
  await dev.getByLabel("Name", { exact: true }).fill(name);
  await dev.getByLabel("Data centre").selectOption("dc1");
  await dev.getByLabel("Image tag").fill("1.0.0");
  await dev.getByLabel("Replicas").fill("1");
  await dev.getByLabel("CPU", { exact: true }).fill("200m");
  // The server says where it would go before anything is created.
  await dev.getByRole("button", { name: "Preview placement" }).click();
  await expect(dev.getByRole("region", { name: "Placement preview" }).getByRole("status")).toHaveText("The replica fits, on dc1-c1.");
  await dev.getByRole("button", { name: "Create" }).click();
  await expect(dev.getByRole("heading", { name })).toBeVisible();
  await expect(dev.getByText("Available")).toBeVisible({ timeout: 90_000 });

  // A new image, rolled out; then back to the first revision from the release history.
  // The registry's tags are offered, the running one marked.
  await expect(dev.locator("#rollout-tags option[value='1.1.0']")).toHaveCount(1);
  await expect(dev.locator("#rollout-tags option[value='1.0.0']")).toHaveAttribute("label", /^current · /);
  // Rolling out the running image would change nothing: not offered until another tag is chosen.
  await expect(dev.getByRole("button", { name: "Roll out", exact: true })).toBeDisabled();
  await dev.getByLabel("Roll out image").fill("1.1.0");
  await dev.getByRole("button", { name: "Roll out", exact: true }).click();
  const history = dev.getByRole("region", { name: "Release history" });
  await expect(history.getByRole("row", { name: /1\.1\.0/ }).first()).toBeVisible({ timeout: 30_000 });
  await expect(dev.getByText("Available")).toBeVisible({ timeout: 90_000 });
  await history
    .getByRole("row", { name: /Created/ })
    .getByRole("button", { name: "Roll back to this revision" })
    .click();
  await dev.getByRole("dialog").getByRole("button", { name: "Roll back to this revision" }).click();
  await expect(history.getByRole("row", { name: /Rolled back to revision 1/ })).toBeVisible({ timeout: 30_000 });
  // The image box, not typed in since its rollout was saved, shows what runs now, not the tag typed before.
  await expect(dev.getByLabel("Roll out image")).toHaveValue("1.0.0");
  await expect(dev.getByRole("button", { name: "Roll out", exact: true })).toBeDisabled();

  // shop has 10 instances in dc1 and uses 6: six replicas do not fit, and the refusal says why (the six asked, beside the five more).
  await dev.getByLabel("Replicas").fill("6");
  await dev.getByRole("button", { name: "Scale" }).click();
  await expect(dev.getByText("Instances: asked 6 in all, 5 more, 4 free").first()).toBeVisible();

  await dev.getByRole("link", { name: "Quotas", exact: true }).click();
  await expect(dev.getByRole("tab", { name: "Mine" })).toBeVisible();
  await expect(dev.getByRole("tab", { name: "To review" })).toHaveCount(0); // a developer reviews nothing
  const ask = dev.getByRole("form", { name: "Ask for more quota" });
  await ask.getByLabel("System").selectOption("shop");
  await ask.getByLabel("Data centre").selectOption("dc1");
  await ask.getByLabel("Instances").fill("5");
  await ask.getByLabel("Reason").fill(`room for ${name}`);
  await ask.getByRole("button", { name: "Send request" }).click();
  await expect(dev.getByRole("row", { name: new RegExp(`room for ${name}`) })).toContainText("Pending");

  const lead = await (await browser.newContext()).newPage();
  await signIn(lead, DEMO.lead);
  await lead.getByRole("link", { name: "Quotas", exact: true }).click();
  // The dashboard has a "Quota requests" section too: measure only once the Quotas page is there.
  await expect(lead).toHaveURL(/\/quotas(\?|$)/);
  // A workspace for the reviewer while a request is pending: what waits for review comes first, and at
  // 1440 and 1024 px the form stays beside the meters, whose label and figures stay inside their card
  // (all boxes measured in the viewport, unscrolled).
  await expect(lead.getByRole("heading", { name: "Quota requests" })).toBeVisible();
  for (const width of [1440, 1024]) {
    await lead.setViewportSize({ width, height: 900 });
    const requestsTop = (await lead.getByRole("heading", { name: "Quota requests" }).boundingBox())!.y;
    const form = (await lead.getByRole("form", { name: "Ask for more quota" }).boundingBox())!;
    const meters = await lead.getByTestId("quota-meter").evaluateAll((els) =>
      els
        .map((e) => {
          const box = e.getBoundingClientRect();
          const card = e.closest(".card")!.getBoundingClientRect();
          const [label, figures] = [...e.querySelectorAll("span")].map((x) => x.getBoundingClientRect());
          const overprint = label!.right > figures!.left && label!.bottom > figures!.top;
          return {
            box: { x: box.x, y: box.y, right: box.right, bottom: box.bottom },
            spills: box.left < card.left || box.right > card.right,
            overprint,
          };
        })
        .filter((m) => m.box.right > m.box.x),
    );
    expect(meters.length).toBeGreaterThan(0);
    expect(meters.filter((m) => m.spills || m.overprint)).toEqual([]);
    expect(requestsTop).toBeLessThan(Math.min(...meters.map((m) => m.box.y)));
    // beside: right of every meter, and starting above the last of them
    expect(form.x).toBeGreaterThanOrEqual(Math.max(...meters.map((m) => m.box.right)));
    expect(form.y).toBeLessThan(Math.max(...meters.map((m) => m.box.bottom)));
  }
  await lead.setViewportSize({ width: 1280, height: 720 });
  const request = lead.getByRole("row", { name: new RegExp(`room for ${name}`) });
  const instanceLimits = () =>
    lead.getByRole("meter", { name: "Instances" }).evaluateAll((els) => els.reduce((n, e) => n + Number(e.getAttribute("aria-valuemax")), 0));
  const before = await instanceLimits();
  await request.getByRole("button", { name: "Approve" }).click();
  await request.getByRole("form", { name: "Approve" }).getByRole("button", { name: "Approve" }).click();
  await expect(request).toHaveCount(0); // decided: no longer waiting for review
  // The meters show the approved quota at once, without a reload.
  await expect.poll(instanceLimits, { timeout: 5_000 }).toBeGreaterThan(before);
  await lead.getByRole("tab", { name: "All" }).click();
  await expect(lead.getByRole("row", { name: new RegExp(`room for ${name}`) })).toContainText("Approved");

  await dev.goto(`/systems/shop/applications/cart/groups/${name}`);
  await dev.getByLabel("Replicas").fill("6");
  await dev.getByRole("button", { name: "Scale" }).click();
  await expect(dev.getByRole("row", { name: new RegExp(`cart-${name}-`) })).toHaveCount(6, { timeout: 60_000 });
});
