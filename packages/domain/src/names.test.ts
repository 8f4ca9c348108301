import { describe, expect, it } from "vitest";
import { dnsLabel } from "./names";
import { ClusterCreate } from "./schemas";

describe("dnsLabel", () => {
  it.each(["a", "shop", "shop-api", "a1", "1a", "x".repeat(63)])("accepts %s", (name) => {
    expect(dnsLabel.safeParse(name).success).toBe(true);
  });
  it.each([
    ["", "is required"],
    ["Shop", "DNS-1123"],
    ["-shop", "DNS-1123"],
    ["shop-", "DNS-1123"],
    ["shop_api", "DNS-1123"],
    ["shop.api", "DNS-1123"],
    ["x".repeat(64), "at most 63"],
  ])("rejects %j with a reason", (name, reason) => {
    const result = dnsLabel.safeParse(name);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(reason);
  });
});

describe("cluster names", () => {
  it.each(["overview", "transitions"])("refuses %s, a segment the node API and pages already use", (name) => {
    const result = ClusterCreate.safeParse({ name, dataCentre: "dc1", kubeconfig: "x" });
    expect(result.error?.issues[0]).toMatchObject({ path: ["name"], message: expect.stringContaining("is reserved") });
  });
  it("accepts ordinary names", () => {
    expect(ClusterCreate.safeParse({ name: "dc1-c1", dataCentre: "dc1", kubeconfig: "x" }).success).toBe(true);
  });
});
