import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchWithDeadline } from "./fetch-deadline";

// A server that answers /ok at once, sends /slow-body's headers but never its end, and never answers /hang.
let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/ok") return res.end('{"issuer":"x"}');
    if (req.url === "/slow-body") return res.writeHead(200, { "Content-Type": "application/json" }).write('{"issuer":');
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe("fetchWithDeadline", () => {
  it("answers within the deadline as fetch does", async () => {
    const res = await fetchWithDeadline(2_000)(`${base}/ok`);
    expect(await res.json()).toEqual({ issuer: "x" });
  });

  it("a server that never answers: a TimeoutError at the deadline", async () => {
    const started = Date.now();
    await expect(fetchWithDeadline(300)(`${base}/hang`)).rejects.toMatchObject({ name: "TimeoutError" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a body that never ends: reading it fails at the deadline too", async () => {
    const res = await fetchWithDeadline(300)(`${base}/slow-body`);
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("the caller's own signal still aborts first, with its reason", async () => {
    const mine = new AbortController();
    const call = fetchWithDeadline(5_000)(`${base}/hang`, { signal: mine.signal });
    mine.abort(new Error("the sign-in was cancelled"));
    await expect(call).rejects.toThrow("the sign-in was cancelled");
  });
});
