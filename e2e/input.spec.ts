// Input the portal's own routing decodes (issue 11, finding 7): path segments that are no valid
// percent-encoding, or decode to control characters, and control characters in query strings, answered
// by Next and api() over HTTP with a 4xx, never a 500. (apps/portal/lib/server/api.fuzz.int.test.ts fuzzes
// the handlers in-process, after Next's decoding; this covers the decoding.)
import { expect, test } from "@playwright/test";
import { cliToken, DEMO, signIn } from "./helpers";

let auth: { Authorization: string };
test.beforeAll(() => {
  auth = { Authorization: `Bearer ${cliToken(DEMO.admin.email)}` };
});

// Undecodable (%ff, a lone surrogate's UTF-8, an overlong "/", a cut-off escape) and control characters.
const SEGMENTS = ["%ff", "%ed%a0%80", "%c0%af", "%e4%b8", "%00", "a%00b", "%1b", "%7f", "%2500"];
const PATHS = [
  ["GET", "/api/v1/systems/{}"],
  ["DELETE", "/api/v1/systems/{}"],
  ["GET", "/api/v1/systems/shop/applications/{}"],
  ["PATCH", "/api/v1/users/{}"],
  ["DELETE", "/api/v1/departments/retail/members/{}"],
  ["DELETE", "/api/v1/tokens/{}"],
  ["POST", "/api/v1/quota-requests/{}/approve"],
  ["GET", "/api/v1/nodes/transitions/{}"],
  ["GET", "/api/v1/nodes/{}/{}"],
  ["GET", "/systems/{}"], // a page
] as const;

test("path segments that do not decode or decode to control characters: never a 5xx, a 4xx from the API", async ({ request }) => {
  for (const segment of SEGMENTS)
    for (const [method, path] of PATHS) {
      const url = path.replaceAll("{}", segment);
      const response = await request.fetch(url, {
        method,
        headers: { ...auth, "content-type": "application/json" },
        data: method === "GET" || method === "DELETE" ? undefined : { version: 1 },
      });
      // A page without a session redirects to sign-in, unless the proxy refused the path first.
      if (url.startsWith("/api/")) expect(response.status(), `${method} ${url}`).toBeGreaterThanOrEqual(400);
      expect(response.status(), `${method} ${url}`).toBeLessThan(500);
    }
});

test("pages refuse control characters in their query too", async ({ request }) => {
  expect((await request.get("/systems?q=%00")).status()).toBe(400);
});

test("a page's search the API would refuse (too long, given twice) is a 400, not a 500 from the page", async ({ page }) => {
  await signIn(page, DEMO.admin);
  for (const list of ["/users", "/nodes", "/departments", "/groups", "/applications", "/systems/shop"]) {
    expect((await page.goto(`${list}?q=${"x".repeat(101)}`))!.status(), list).toBe(400);
    expect((await page.goto(`${list}?q=a&q=b`))!.status(), list).toBe(400);
    expect((await page.goto(`${list}?q=shop`))!.status(), list).toBe(200);
  }
});

test("q=%00 and other control characters in a list's query get a 400 naming the parameter", async ({ request }) => {
  for (const list of ["departments", "systems", "applications", "groups", "users", "clusters", "data-centres", "audit", "quota-requests", "nodes"]) {
    const response = await request.get(`/api/v1/${list}?q=%00`, { headers: auth });
    expect(response.status(), list).toBe(400);
    expect((await response.json()).error.fields, list).toEqual({ q: expect.stringContaining("control characters") });
  }
});
