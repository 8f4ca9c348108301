import { describe, expect, it } from "vitest";
import { lbStatus } from "./status";

const ready = {
  deleting: false,
  lastError: null,
  generation: 3,
  observedGeneration: 3,
  dataPlane: true,
  readyReplicas: 2,
  replicas: 2,
  dnsFailure: null,
  dnsWaiting: null,
  domains: [{ name: "front.shop.dc1.capstan.internal", published: true }],
};
const failure = { lastError: "connect ECONNREFUSED", lastErrorReason: "unreachable", lastErrorAt: "2026-11-30T20:00:00.000Z", failedAttempts: 2 };

describe("lbStatus", () => {
  it("is Ready when applied, with a data plane and every pod ready", () => {
    expect(lbStatus(ready)).toBe("Ready");
  });

  it("names the most pressing state first", () => {
    expect(lbStatus({ ...ready, readyReplicas: 1 })).toBe("Starting");
    expect(lbStatus({ ...ready, readyReplicas: 1, dataPlane: false })).toBe("NoDataPlane");
    expect(lbStatus({ ...ready, dataPlane: false, observedGeneration: 2 })).toBe("Applying");
    expect(lbStatus({ ...ready, observedGeneration: 2, lastError: "Forbidden" })).toBe("Failing");
    expect(lbStatus({ ...ready, lastError: "Forbidden", deleting: true })).toBe("Deleting");
    expect(lbStatus({ ...ready, readyReplicas: 1, dnsFailure: failure })).toBe("Starting");
  });

  it("is not Ready while its names are not: the DNS controller failing, waiting for the Service's address, or a name unpublished", () => {
    expect(lbStatus({ ...ready, dnsFailure: failure })).toBe("ReadyDnsFailing");
    expect(lbStatus({ ...ready, dnsFailure: failure, dnsWaiting: "service_address" })).toBe("ReadyDnsFailing");
    expect(lbStatus({ ...ready, dnsWaiting: "service_address", domains: [{ name: "front.shop.dc1.capstan.internal", published: false }] })).toBe(
      "ReadyDnsPending",
    );
    expect(lbStatus({ ...ready, domains: [...ready.domains, { name: "www.shop.dc1.capstan.internal", published: false }] })).toBe("ReadyDnsPending");
    // PowerDNS: records not read, so only the controller's status counts
    expect(lbStatus({ ...ready, domains: [{ name: "front.shop.dc1.capstan.internal", published: null }] })).toBe("Ready");
    expect(lbStatus({ ...ready, domains: [] })).toBe("Ready");
  });
});
