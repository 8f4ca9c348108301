import { describe, expect, it } from "vitest";
import { gatewayPortFor, isBrowserBlockedPort, workerHttpPortFor } from "./ports";

describe("ports browsers refuse", () => {
  it("knows the Fetch Standard's bad ports, and not the usual web ones", () => {
    for (const p of [6000, 6665, 6697, 10080, 4190, 6679, 5060, 22]) expect(isBrowserBlockedPort(p)).toBe(true);
    for (const p of [80, 443, 3000, 3001, 8080, 5053]) expect(isBrowserBlockedPort(p)).toBe(false);
  });

  it("derives a gateway port browsers open for every portal port they open", () => {
    // The default portal port, the e2e run's, and every other a browser may open (1024–65534): the gateway's
    // derived port is either one a browser opens too or refused up front (never handed to a browser to fail).
    expect(gatewayPortFor(3000)).toBe(3001);
    expect(gatewayPortFor(3100)).toBe(3101);
    for (let portal = 1024; portal < 65535; portal++) {
      if (isBrowserBlockedPort(portal)) continue;
      let port: number | undefined;
      try {
        port = gatewayPortFor(portal);
      } catch (e) {
        expect((e as Error).message).toContain("CAPSTAN_GATEWAY_PORT");
        continue;
      }
      expect(isBrowserBlockedPort(port)).toBe(false);
    }
  });

  it("derives the worker's HTTP port: 9464 for the default portal port, never the gateway's nor the DNS server's", () => {
    expect(workerHttpPortFor(3000)).toBe(9464);
    for (const portal of [3000, 3100, 3650, 3700, 8080]) expect([portal + 1, portal + 2053]).not.toContain(workerHttpPortFor(portal));
    expect(() => workerHttpPortFor(60000)).toThrow(/CAPSTAN_WORKER_HTTP_LISTEN/);
  });
});
