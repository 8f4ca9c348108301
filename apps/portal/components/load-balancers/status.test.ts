import { describe, expect, it } from "vitest";
import { lbStatus } from "./status";

const ready = { deleting: false, lastError: null, generation: 3, observedGeneration: 3, dataPlane: true, readyReplicas: 2, replicas: 2 };

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
  });
});
