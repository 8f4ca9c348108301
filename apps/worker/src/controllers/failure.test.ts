// How a failed reconcile is named on its object.
import { DeadlineError } from "@capstan/orchestrator";
import { ApiException } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { JobDeadlineError } from "../job-limits";
import { failureOf } from "./failure";

describe("failureOf", () => {
  it("takes the reason of a cluster's Status, else its HTTP status's", () => {
    const status = JSON.stringify({ kind: "Status", reason: "Forbidden", message: 'exceeded quota: "compute"' });
    expect(failureOf(new ApiException(403, "Forbidden", status, {}))).toMatchObject({
      reason: "Forbidden",
      message: 'the cluster answered 403: exceeded quota: "compute"',
    });
    expect(failureOf(new ApiException(503, "unavailable", "<html>busy</html>", {})).reason).toBe("ServiceUnavailable");
    expect(failureOf(new ApiException(418, "teapot", "", {})).reason).toBe("Http418");
  });

  it("takes a registry's refusal's HTTP status", () => {
    const refused = Object.assign(new Error("the registry answered 401 to reading project shop"), { status: 401 });
    expect(failureOf(refused)).toMatchObject({ reason: "Unauthorized", message: "the registry answered 401 to reading project shop" });
  });

  it("names deadlines DeadlineExceeded and anything else ReconcileError", () => {
    expect(failureOf(new DeadlineError("GET /api/v1/nodes", 2000)).reason).toBe("DeadlineExceeded");
    expect(failureOf(new JobDeadlineError(4000)).reason).toBe("DeadlineExceeded");
    const at = new Date(0);
    expect(failureOf(new Error("connect ECONNREFUSED 127.0.0.1:9"), at)).toEqual({ reason: "ReconcileError", message: "connect ECONNREFUSED 127.0.0.1:9", at });
  });
});
