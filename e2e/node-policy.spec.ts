// Platform admins edit the label policy in the browser; ops read it, and the init checks, without a way to change them.
import { expect, test } from "@playwright/test";
import { DEMO, signIn, unique } from "./helpers";

test("a platform admin adds a zone value; an ops user sees it read-only", async ({ browser }) => {
  test.setTimeout(120_000);
  const zone = unique("edge");
  const admin = await browser.newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto("/nodes");
  await admin.getByRole("link", { name: "Node policy" }).click();
  await expect(admin.getByRole("heading", { name: "Node policy" })).toBeVisible();
  const policy = admin.getByRole("region", { name: "Label policy" });
  await expect(policy.getByText("Version 1")).toBeVisible();
  // The demo policy: default and the dedicated cicd zone.
  await expect(policy.getByLabel("Dedicated to cicd")).toBeChecked();
  await policy.getByLabel("New zone value").fill(zone);
  await policy.getByLabel("New zone value").press("Enter");
  await policy.getByRole("button", { name: "Save" }).click();
  await expect(policy.getByText("Version 2")).toBeVisible();
  await expect(policy.getByLabel(`Dedicated to ${zone}`)).not.toBeChecked();

  // Removing a value asks first; the demo's groups run in "default", so the server refuses and names them.
  await policy.getByRole("button", { name: "Remove default" }).click();
  await policy.getByRole("button", { name: "Save" }).click();
  const confirm = admin.getByRole("dialog", { name: "Remove from the label policy?" });
  await expect(confirm).toContainText("Saving removes: default.");
  await confirm.getByRole("button", { name: "Remove and save" }).click();
  await expect(confirm.getByRole("alert")).toContainText('Zone "default" is still used by');
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(policy.getByText("Version 2")).toBeVisible();

  const ops = await browser.newPage();
  await signIn(ops, DEMO.ops);
  await ops.goto("/nodes/policy");
  await expect(ops.getByText("Only platform admins change these; you can read them.")).toBeVisible();
  const view = ops.getByTestId("label-policy-view");
  await expect(view.getByRole("listitem").filter({ hasText: zone })).toHaveText(zone);
  await expect(view.getByRole("listitem").filter({ hasText: "cicd" })).toHaveText("cicd(dedicated)");
  await expect(ops.getByTestId("init-checks-view")).toContainText("zone");
  await expect(ops.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(ops.getByLabel("New zone value")).toHaveCount(0);
});
