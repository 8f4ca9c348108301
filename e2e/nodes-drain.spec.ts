// A drain follows kubectl drain's rules in the browser: a bare pod (kubectl run) on the node stops Offline and is
// named on the node page; ops then choose Force, which warns what it costs, and the pod is evicted.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_HOME } from "../playwright.config";
import { DEMO, signIn, unique } from "./helpers";

const kubectl = (...args: string[]) =>
  execFileSync("kubectl", ["--kubeconfig", path.join(E2E_HOME, "sim", "dc1-c1.kubeconfig"), "--cache-dir", path.join(E2E_HOME, "kube-cache"), ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

test("a bare pod blocks taking a node offline until ops choose Force, which the node's history records", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.ops);
  // The cicd node of dc1-c1 runs no demo group: once it is online, pin a bare pod to it.
  const rows = page.getByRole("row", { name: /dc1-c1-node-/ });
  await expect(async () => {
    // The list's filters live in its URL.
    await page.goto("/nodes?zone=cicd&cluster=dc1-c1");
    await expect(rows).toHaveCount(1, { timeout: 5_000 });
    await expect(rows).toContainText("Online", { timeout: 1_000 });
  }).toPass({ timeout: 90_000 });
  const node = (await rows.getByRole("link").textContent())!.trim();
  const pod = unique("bare");
  kubectl("run", pod, "-n", "default", "--image=busybox", `--overrides={"spec":{"nodeName":"${node}"}}`);
  await rows.getByRole("link").click();

  const why = unique("maintenance");
  await page.getByRole("button", { name: "Change status: Offline" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("Nothing recreates such pods: they are gone for good.")).toBeVisible();
  await expect(dialog.getByRole("checkbox", { name: /Force/ })).not.toBeChecked();
  await dialog.getByLabel("Reason").fill(why);
  await dialog.getByRole("button", { name: "Move" }).click();
  const first = page.getByRole("row", { name: new RegExp(why) });
  await expect(async () => {
    await page.reload();
    await expect(first.getByTestId("drain-blocked")).toContainText(`default/${pod}: no controller (needs Force)`, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  expect(kubectl("get", "pod", pod, "-n", "default", "-o", "jsonpath={.metadata.name}")).toBe(pod);

  const forced = unique("forced");
  await page.getByRole("button", { name: "Change status: Offline" }).click();
  await dialog.getByRole("checkbox", { name: /Force/ }).check();
  await dialog.getByLabel("Reason").fill(forced);
  await dialog.getByRole("button", { name: "Move" }).click();
  const second = page.getByRole("row", { name: new RegExp(forced) });
  await expect(second).toContainText("Options: Force");
  await expect(async () => {
    await page.reload();
    await expect(second).toContainText(`default/${pod}: evicted`, { timeout: 2_000 });
    await expect(second).toContainText("Done", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  expect(() => kubectl("get", "pod", pod, "-n", "default")).toThrow();

  const back = unique("back");
  await page.getByRole("button", { name: "Change status: Online" }).click();
  await dialog.getByLabel("Reason").fill(back);
  await dialog.getByRole("button", { name: "Move" }).click();
  await expect(page.getByRole("row", { name: new RegExp(back) })).toContainText("Online", { timeout: 30_000 });
});
