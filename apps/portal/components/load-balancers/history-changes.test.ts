import { describe, expect, it } from "vitest";
import { translator } from "@/messages";
import { historyChanges } from "./history-changes";

const en = translator("en");
const zh = translator("zh-CN");

describe("historyChanges", () => {
  // As update-load-balancer.ts audits a change: the changed settings only, health check and timeouts whole.
  const update = {
    action: "load-balancer.update",
    before: { algorithm: "roundrobin", timeouts: { connectSeconds: 5, clientSeconds: 30, serverSeconds: 30 }, stickyCookie: null, domains: ["a.dc1.x"] },
    after: {
      algorithm: "leastconn",
      timeouts: { connectSeconds: 5, clientSeconds: 60, serverSeconds: 30 },
      stickyCookie: "SRV",
      domains: ["a.dc1.x", "b.dc1.x"],
    },
  };
  it("says each setting a change set, from and to, by its label", () => {
    expect(historyChanges(en, update)).toEqual([
      "Balancing algorithm: roundrobin → leastconn",
      "Client timeout (s): 30 → 60",
      "Sticky session cookie: none → SRV",
      "Domain names: a.dc1.x → a.dc1.x, b.dc1.x",
    ]);
  });
  it("says which weights changed and which groups came and went", () => {
    const members = {
      action: "load-balancer.members",
      before: {
        members: [
          { group: "canary", weight: 1 },
          { group: "green", weight: 100 },
          { group: "web", weight: 3 },
        ],
      },
      after: {
        members: [
          { group: "blue", weight: 50 },
          { group: "canary", weight: 3 },
          { group: "web", weight: 3 },
        ],
      },
    };
    expect(historyChanges(en, members)).toEqual(["blue added, weight 50", "Weight of canary: 1 → 3", "green removed"]);
    expect(historyChanges(zh, members)).toEqual(["加入 blue，权重 50", "canary 的权重：1 → 3", "移除 green"]);
  });
  it("says it in Chinese too", () => {
    expect(historyChanges(zh, update)[0]).toMatch(/：roundrobin → leastconn$/);
    expect(historyChanges(zh, update)[2]).toMatch(/：无 → SRV$/);
  });
  it("adds nothing to events that record no values", () => {
    expect(historyChanges(en, { action: "load-balancer.create", before: null, after: { name: "front" } })).toEqual([]);
    expect(historyChanges(en, { action: "load-balancer.member-out", before: { group: "a", state: "IN" }, after: { group: "a", state: "DRAINING" } })).toEqual(
      [],
    );
  });
});
