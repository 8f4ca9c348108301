import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { GroupCreate, GroupUpdate, SystemCreate } from "./schemas";
import { parseInput } from "./validation";

function reject(input: unknown): DomainError {
  try {
    parseInput(SystemCreate, input);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected the input to be rejected");
}

describe("parseInput", () => {
  it("names each bad field with its reason", () => {
    const e = reject({ name: "Bad_Name", displayName: "", department: "retail", colour: "red" });
    expect(e.status).toBe(422);
    expect(e.fields).toMatchObject({
      name: expect.stringContaining("DNS-1123"),
      displayName: "is required",
      colour: "is not a known field",
    });
  });
  it("reports missing and mistyped fields", () => {
    const e = reject({ name: 5 });
    expect(e.fields).toMatchObject({ name: "must be a string", displayName: "is required", department: "is required" });
  });
  it("applies defaults on success", () => {
    expect(parseInput(SystemCreate, { name: "shop", displayName: "Shop", department: "retail" })).toEqual({
      name: "shop",
      displayName: "Shop",
      description: "",
      department: "retail",
      isolation: "ISOLATED",
    });
  });
  it("leaves fields out of a group update untouched, but fills a new group's defaults", () => {
    expect(parseInput(GroupUpdate, { imageTag: "1.1.0", version: 3 })).toEqual({ imageTag: "1.1.0", version: 3 });
    expect(parseInput(GroupCreate, { name: "web", dataCentre: "dc1", imageTag: "1", replicas: 1, cpu: "1", memory: "1Gi" })).toMatchObject({
      gpu: 0,
      resourceLabels: [],
      env: [],
      healthCheck: null,
    });
    expect(() =>
      parseInput(GroupUpdate, {
        env: [
          { name: "A", value: "1" },
          { name: "A", value: "2" },
        ],
        version: 1,
      }),
    ).toThrow(DomainError);
  });
});
