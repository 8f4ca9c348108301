import { expect, it } from "vitest";
import { probeFailureOf, probeFailureText } from "./cluster-probe";

it("turns a probe's English into a reason with params and back", () => {
  for (const text of [
    "the cluster did not answer as a Kubernetes API server",
    "the cluster's address is not allowed by the outbound policy (CAPSTAN_OUTBOUND_ALLOW)",
    "the cluster answered 401",
    "kubeconfig has no user for its current context",
  ]) {
    const { reason, params } = probeFailureOf(text);
    expect(probeFailureText(reason, params)).toBe(text);
  }
  expect(probeFailureOf("the cluster answered 403")).toEqual({ reason: "cluster_answered", params: { status: 403 } });
  expect(probeFailureOf("boom").reason).toBe("probe_failed");
});
