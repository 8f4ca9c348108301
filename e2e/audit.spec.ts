import { expect, test } from "@playwright/test";
import { csrfHeaders, DEMO, signIn, unique } from "./helpers";

// Issue 12, finding 9: the audit page pages by cursor, so edits made while a page is read never push its
// rows onto the next page; Previous goes back to the page before.
test("the audit log's Next and Previous neither repeat nor skip rows while new events arrive", async ({ page, baseURL }) => {
  const prefix = unique("e2e-audit");
  await signIn(page, DEMO.admin);
  const create = async (i: number) => {
    const name = `${prefix}-${String(i).padStart(2, "0")}`;
    expect((await page.request.post("/api/v1/departments", { headers: csrfHeaders(baseURL!), data: { name, displayName: name } })).status()).toBe(201);
  };
  for (let i = 1; i <= 22; i++) await create(i); // one page of 20 and two rows more
  const rowOf = (i: number) => page.getByRole("row", { name: new RegExp(`department ${prefix}-${String(i).padStart(2, "0")}\\b`) });

  await page.goto("/audit");
  await page.getByRole("searchbox").fill(prefix);
  await expect(page.getByText("Page 1 of 2 · 22 in all")).toBeVisible();
  await expect(rowOf(22)).toBeVisible();
  await expect(rowOf(3)).toBeVisible();
  await expect(rowOf(2)).toBeHidden();

  // Two audited edits while page 1 is open.
  await create(23);
  await create(24);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByText(/Page 2 of 2/)).toBeVisible();
  await expect(rowOf(2)).toBeVisible();
  await expect(rowOf(1)).toBeVisible();
  await expect(rowOf(3)).toBeHidden(); // page 1's last row is not repeated
  await expect(page.getByRole("row")).toHaveCount(3); // the header and the two oldest rows
  await expect(page.getByRole("button", { name: "Next", exact: true })).toBeDisabled();

  await page.getByRole("button", { name: "Previous", exact: true }).click();
  await expect(page.getByText(/Page 1 of/)).toBeVisible();
  await expect(rowOf(22)).toBeVisible();
  await expect(rowOf(3)).toBeVisible();
  await expect(rowOf(2)).toBeHidden();
});
