// The REST API over HTTP with personal tokens: authentication, validation, limits and concurrency.
import { expect, test } from "@playwright/test";
import { cliToken, csrfHeaders, DEMO, signIn, unique } from "./helpers";

let auth: { Authorization: string };
test.beforeAll(() => {
  auth = { Authorization: `Bearer ${cliToken(DEMO.lead.email)}` };
});

test("an API path that names nothing answers the API's JSON 404, not the portal's page", async ({ request }) => {
  for (const method of ["GET", "POST", "DELETE"]) {
    const response = await request.fetch("/api/v1/no-such-thing/here", { method, headers: auth });
    expect(response.status(), method).toBe(404);
    expect(response.headers()["content-type"], method).toContain("application/json");
    expect((await response.json()).error.code, method).toBe("not_found");
  }
});

test("requests without a valid token get 401", async ({ request }) => {
  expect((await request.get("/api/v1/systems")).status()).toBe(401);
  const bad = await request.get("/api/v1/systems", { headers: { Authorization: "Bearer cap_not-a-real-token-at-all" } });
  expect(bad.status()).toBe(401);
  expect(bad.headers()["www-authenticate"]).toContain("Bearer");
  expect((await request.get("/api/v1/health")).status()).toBe(200);
});

test("bad input gets 4xx naming the field and the reason, and nothing is written", async ({ request }) => {
  const name = unique("bad");
  const invalid = await request.post("/api/v1/systems", {
    headers: auth,
    data: { name: "Not_A_Label", displayName: 5, department: "retail", extra: true },
  });
  expect(invalid.status()).toBe(422);
  const { error } = await invalid.json();
  expect(error.fields).toMatchObject({ name: expect.stringContaining("DNS-1123"), displayName: expect.any(String), extra: "is not a known field" });

  const notJson = await request.post("/api/v1/systems", { headers: { ...auth, "content-type": "text/plain" }, data: "name=x" });
  expect(notJson.status()).toBe(415);
  const broken = await request.post("/api/v1/systems", { headers: { ...auth, "content-type": "application/json" }, data: Buffer.from("{not json") });
  expect(broken.status()).toBe(400);
  const huge = await request.post("/api/v1/systems", {
    headers: auth,
    data: { name, displayName: "Huge", department: "retail", description: "x".repeat(100_000) },
  });
  expect(huge.status()).toBe(413);
  expect((await request.get(`/api/v1/systems/${name}`, { headers: auth })).status()).toBe(404);
  expect((await request.get("/api/v1/systems?pageSize=1000", { headers: auth })).status()).toBe(400);
});

test("duplicates and stale edits get 409", async ({ request }) => {
  const name = unique("dup");
  const body = { name, displayName: "Dup", department: "retail" };
  expect((await request.post("/api/v1/systems", { headers: auth, data: body })).status()).toBe(201);
  const dup = await request.post("/api/v1/systems", { headers: auth, data: body });
  expect(dup.status()).toBe(409);
  expect((await dup.json()).error.fields).toEqual({ name: "is already taken" });

  const { version } = await (await request.get(`/api/v1/systems/${name}`, { headers: auth })).json();
  const [a, b] = await Promise.all([
    request.patch(`/api/v1/systems/${name}`, { headers: auth, data: { displayName: "First", version } }),
    request.patch(`/api/v1/systems/${name}`, { headers: auth, data: { displayName: "Second", version } }),
  ]);
  expect([a.status(), b.status()].sort()).toEqual([200, 409]);
  const loser = a.status() === 409 ? a : b;
  expect((await loser.json()).error.code).toBe("stale_version");
});

test("tokens made in the portal are shown once and work until revoked", async ({ page, request }) => {
  await signIn(page, DEMO.dev);
  await page.getByRole("link", { name: "API tokens" }).click();
  await page.getByLabel("Token name").fill("laptop");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^cap_/);
  const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect((await me.json()).email).toBe(DEMO.dev.email);

  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await page
    .getByRole("row", { name: /laptop/ })
    .getByRole("button", { name: "Revoke" })
    .click();
  await page.getByRole("dialog", { name: "Revoke the token laptop?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("row", { name: /laptop/ })).toContainText("Revoked");
  expect((await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
});

test("the OpenAPI document describes the request schemas", async ({ request }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/systems", "/systems/{system}/applications/{app}", "/audit", "/me"]));
  expect(doc.components.schemas.SystemCreate.required).toEqual(expect.arrayContaining(["name", "displayName", "department"]));
});

test("a double submit with an Idempotency-Key is done once and answered twice", async ({ request }) => {
  const reason = unique("twice");
  const send = (key: string, url = "/api/v1/quota-requests") =>
    request.post(url, {
      headers: { ...auth, "idempotency-key": key },
      data: { system: "shop", dataCentre: "dc2", cpu: "1", memory: "1Gi", gpu: 0, instances: 1, reason },
    });
  const key = unique("key");
  const [first, again] = [await send(key), await send(key)];
  expect([first.status(), again.status()]).toEqual([201, 201]);
  expect(again.headers()["idempotent-replayed"]).toBe("true");
  expect((await again.json()).id).toBe((await first.json()).id);
  const listed = await (await request.get(`/api/v1/quota-requests?q=shop&pageSize=100`, { headers: auth })).json();
  expect(listed.items.filter((r: { reason: string }) => r.reason === reason)).toHaveLength(1);
  const elsewhere = await send(key, "/api/v1/systems");
  expect(elsewhere.status()).toBe(422);
  expect((await elsewhere.json()).error.fields).toEqual({ "Idempotency-Key": "was used for a different request" });
});

test("a new token's answer is never replayed for a repeated Idempotency-Key, and a key reused with another body is refused", async ({ page, baseURL }) => {
  await signIn(page, DEMO.viewer);
  const headers = { ...csrfHeaders(baseURL!), "Idempotency-Key": unique("tok") };
  const name = unique("ci");
  const first = await page.request.post("/api/v1/tokens", { headers, data: { name, expiresInDays: 1 } });
  expect(first.status()).toBe(201);
  const { token } = await first.json();
  expect(token).toMatch(/^cap_/);

  const again = await page.request.post("/api/v1/tokens", { headers, data: { name, expiresInDays: 1 } });
  expect(again.status()).toBe(409);
  expect(await again.text()).not.toContain(token.slice(4));
  const other = await page.request.post("/api/v1/tokens", { headers, data: { name: `${name}-2`, expiresInDays: 1 } });
  expect(other.status()).toBe(422);
  expect((await other.json()).error.fields).toHaveProperty("Idempotency-Key");

  const { items } = await (await page.request.get("/api/v1/tokens")).json();
  expect(items.filter((t: { name: string }) => t.name.startsWith(name))).toHaveLength(1); // one token, made once
});
