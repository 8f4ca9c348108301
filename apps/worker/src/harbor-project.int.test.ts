// Harbor projects are named after systems, and system names are global (docs/security/names.md): the
// projects Capstan makes are private, so their names are not listed to anyone without Harbor credentials.
import { HarborClient } from "@capstan/orchestrator";
import { startSim } from "@capstan/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let sim: Awaited<ReturnType<typeof startSim>>;
beforeAll(async () => {
  sim = await startSim({ dataCentres: 1, clustersPerDc: 1, nodes: 1, admin: false });
});
afterAll(() => sim.stop());

describe("a system's Harbor project", () => {
  it("is created private: anonymous callers neither read nor list it", async () => {
    const { url, username, password } = sim.dataCentres[0]!.registryInfo;
    await new HarborClient(url, username, password).ensureProject("hush");
    const auth = { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}` };
    const project = await (await fetch(`${url}/api/v2.0/projects/hush`, { headers: auth })).json();
    expect(project.metadata.public).toBe("false");
    expect((await fetch(`${url}/api/v2.0/projects/hush`)).status).toBe(401);
    expect((await fetch(`${url}/api/v2.0/projects?name=hush`)).status).toBe(401);
  });
});
