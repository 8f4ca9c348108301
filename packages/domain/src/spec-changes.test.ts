import { describe, expect, it } from "vitest";
import { specChanges } from "./spec-changes";

describe("spec changes", () => {
  const spec = { imageTag: "1.0.0", cpu: "500m", env: [{ name: "MODE", value: "prod" }], healthCheck: { path: "/ready", periodSeconds: 10 } };

  it("name each changed field with its old and new value", () => {
    expect(specChanges(spec, { ...spec, imageTag: "1.1.0", env: [] })).toEqual([
      { field: "imageTag", from: "1.0.0", to: "1.1.0" },
      { field: "env", from: [{ name: "MODE", value: "prod" }], to: [] },
    ]);
  });

  it("ignore key order inside values, as jsonb returns it, but not order in lists", () => {
    expect(specChanges(spec, { ...spec, healthCheck: { periodSeconds: 10, path: "/ready" } })).toEqual([]);
    expect(specChanges({ labels: ["a", "b"] }, { labels: ["b", "a"] })).toHaveLength(1);
  });

  it("treat a missing field as null", () => {
    expect(specChanges({ healthCheck: null }, {})).toEqual([]);
    expect(specChanges({}, { gpu: 1 })).toEqual([{ field: "gpu", from: null, to: 1 }]);
  });
});
