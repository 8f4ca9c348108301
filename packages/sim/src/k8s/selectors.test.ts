import { describe, it, expect } from "vitest";
import { parseLabelSelector, matches, parseFieldSelector, fieldMatches, fromLabelSelector } from "./selectors.js";

describe("label selectors", () => {
  const l = { app: "web", tier: "fe", env: "prod" };
  it.each([
    ["app=web", true],
    ["app==web", true],
    ["app!=web", false],
    ["app in (web,api)", true],
    ["app notin (web)", false],
    ["tier", true],
    ["!tier", false],
    ["!missing", true],
    ["app=web,env in (prod, dev)", true],
    ["missing!=x", true],
    ["app in (api)", false],
  ])("%s -> %s", (s, want) => expect(matches(parseLabelSelector(s), l)).toBe(want));
  it("matchExpressions", () => {
    expect(matches(fromLabelSelector({ matchLabels: { app: "web" }, matchExpressions: [{ key: "env", operator: "NotIn", values: ["dev"] }] }), l)).toBe(true);
  });
});

describe("field selectors", () => {
  it("matches nested paths and negation", () => {
    const p = { metadata: { name: "a", namespace: "ns" }, spec: { nodeName: "n1" }, status: { phase: "Running" } };
    expect(fieldMatches(parseFieldSelector("spec.nodeName=n1,status.phase!=Pending"), p)).toBe(true);
    expect(fieldMatches(parseFieldSelector("metadata.name=b"), p)).toBe(false);
    expect(fieldMatches(parseFieldSelector("spec.nodeName="), { spec: {} })).toBe(true);
  });
});
