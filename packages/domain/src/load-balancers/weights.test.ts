import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_WEIGHT } from "./data-plane";
import { serverWeights } from "./weights";

/** Each group's share of requests under weighted round robin: pods × server weight over the total. */
function shares(members: { group: string; pods: number }[], weights: Map<string, number>) {
  const total = members.reduce((s, m) => s + m.pods * weights.get(m.group)!, 0);
  return new Map(members.map((m) => [m.group, total === 0 ? 0 : (m.pods * weights.get(m.group)!) / total]));
}

describe("serverWeights", () => {
  it("divides a group's weight among its pods, the largest scaled to 256 (OpenShift's example)", () => {
    // OpenShift's router comment: A weight 20 with 2 endpoints, B weight 10 with 4 → 256 and 64.
    expect(
      serverWeights([
        { group: "a", weight: 20, pods: 2 },
        { group: "b", weight: 10, pods: 4 },
      ]),
    ).toEqual(
      new Map([
        ["a", 256],
        ["b", 64],
      ]),
    );
  });

  it("keeps a 3:1 split between groups of 2 and 5 pods", () => {
    const members = [
      { group: "blue", weight: 75, pods: 2 },
      { group: "green", weight: 25, pods: 5 },
    ];
    const s = shares(members, serverWeights(members));
    expect(s.get("blue")).toBeCloseTo(0.75, 2);
    expect(s.get("green")).toBeCloseTo(0.25, 2);
  });

  it("gives 0 to a group of weight 0 or without pods, and at least 1 to any other", () => {
    const w = serverWeights([
      { group: "big", weight: 256, pods: 1 },
      { group: "tiny", weight: 1, pods: 300 },
      { group: "zero", weight: 0, pods: 3 },
      { group: "none", weight: 50, pods: 0 },
    ]);
    expect(w).toEqual(
      new Map([
        ["big", 256],
        ["tiny", 1],
        ["zero", 0],
        ["none", 0],
      ]),
    );
    expect(serverWeights([{ group: "a", weight: 0, pods: 2 }])).toEqual(new Map([["a", 0]]));
    expect(serverWeights([])).toEqual(new Map());
  });

  it("refuses weights outside 0–256, bad pod counts and a group twice", () => {
    expect(() => serverWeights([{ group: "a", weight: 257, pods: 1 }])).toThrow(/0–256/);
    expect(() => serverWeights([{ group: "a", weight: -1, pods: 1 }])).toThrow(/0–256/);
    expect(() => serverWeights([{ group: "a", weight: 1.5, pods: 1 }])).toThrow(/0–256/);
    expect(() => serverWeights([{ group: "a", weight: 1, pods: -1 }])).toThrow(/pods/);
    expect(() =>
      serverWeights([
        { group: "a", weight: 1, pods: 1 },
        { group: "a", weight: 2, pods: 1 },
      ]),
    ).toThrow(/twice/);
  });

  it("gives each group its weight's share of the traffic, within rounding, whatever the pod counts", () => {
    const member = fc.record({ weight: fc.integer({ min: 0, max: MAX_WEIGHT }), pods: fc.integer({ min: 0, max: 200 }) });
    fc.assert(
      fc.property(fc.array(member, { minLength: 1, maxLength: 6 }), (raw) => {
        const members = raw.map((m, i) => ({ group: `g${i}`, ...m }));
        const weights = serverWeights(members);
        for (const w of weights.values()) expect(Number.isInteger(w) && w >= 0 && w <= MAX_WEIGHT).toBe(true);
        // Groups that can take traffic: a weight and at least one pod.
        const live = members.filter((m) => m.weight > 0 && m.pods > 0);
        const sumWeights = live.reduce((s, m) => s + m.weight, 0);
        const actual = shares(members, weights);
        if (live.length === 0) return void expect([...weights.values()].every((w) => w === 0)).toBe(true);
        // The exact (real-valued) server weights, and how far rounding may move each: ½, or up to 1 where
        // a weight below 1 is raised to 1. Moving the pods' weights by at most `err` moves any share by at
        // most 2·Σ pods·err / Σ pods·weight.
        const largest = Math.max(...live.map((m) => m.weight / m.pods));
        const exact = (m: (typeof live)[number]) => ((m.weight / m.pods) * MAX_WEIGHT) / largest;
        const err = live.reduce((s, m) => s + m.pods * (exact(m) < 1 ? 1 : 0.5), 0);
        const total = live.reduce((s, m) => s + m.pods * weights.get(m.group)!, 0);
        for (const m of members) {
          const expected = live.includes(m) ? m.weight / sumWeights : 0;
          expect(Math.abs(actual.get(m.group)! - expected)).toBeLessThanOrEqual((2 * err) / total + 1e-12);
        }
      }),
      { numRuns: 500 },
    );
  });
});
