// Issue 12's inputs over the REST API: names a later layer would refuse, and search characters.
import { expect, test } from "@playwright/test";
import { cliToken, DEMO } from "./helpers";

let auth: { Authorization: string };
test.beforeAll(() => {
  auth = { Authorization: `Bearer ${cliToken(DEMO.lead.email)}` };
});

test("a name a later layer would refuse is a 422 naming the field and the layer", async ({ request }) => {
  const system = await request.post("/api/v1/systems", { headers: auth, data: { name: "a--b", displayName: "A", department: "retail" } });
  expect(system.status()).toBe(422);
  expect((await system.json()).error.fields.name).toContain("Harbor");
  const application = await request.post("/api/v1/systems/shop/applications", { headers: auth, data: { name: "1app", displayName: "A" } });
  expect(application.status()).toBe(422);
  expect((await application.json()).error.fields.name).toContain("DNS-1035");
});

test("search takes %, _ and \\ literally", async ({ request }) => {
  for (const q of ["_", "%", "\\"]) {
    const systems = await request.get(`/api/v1/systems?q=${encodeURIComponent(q)}`, { headers: auth });
    expect(systems.status(), q).toBe(200);
    expect((await systems.json()).items, q).toEqual([]);
  }
});
