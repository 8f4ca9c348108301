import { describe, expect, it } from "vitest";
import { backendStatState, haproxyStatState } from "./get-load-balancer-stats";

describe("backendStatState", () => {
  it("reports a pod draining while its drain is under way, also when haproxy carries it out as maint (a sticky cookie)", () => {
    // haproxyServerState puts a draining backend of a sticky-cookie balancer in maint: haproxy says MAINT.
    expect(backendStatState("DRAINING", [haproxyStatState("MAINT"), haproxyStatState("MAINT")])).toBe("draining");
    expect(backendStatState("DRAINING", [haproxyStatState("DRAIN")])).toBe("draining");
    // Weight 0 in the rendered configuration: haproxy may still say UP.
    expect(backendStatState("DRAINING", [haproxyStatState("UP")])).toBe("draining");
  });
  it("reports it out once the drain is over, and otherwise the state furthest from serving", () => {
    expect(backendStatState("OUT", [haproxyStatState("MAINT")])).toBe("out");
    expect(backendStatState("OUT", [haproxyStatState("UP")])).toBe("out");
    expect(backendStatState("IN", [haproxyStatState("UP"), haproxyStatState("DOWN 1/2")])).toBe("down");
    expect(backendStatState("IN", [haproxyStatState("MAINT (via front/x)")])).toBe("out");
    expect(backendStatState("IN", [])).toBe("up");
  });
});
