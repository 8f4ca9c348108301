import { describe, expect, it } from "vitest";
import { type ChangeCause, changeCauseText, parseChangeCause } from "./change-cause";

describe("change causes", () => {
  it.each<[ChangeCause, string]>([
    [{ kind: "created" }, "created"],
    [{ kind: "restarted" }, "restarted"],
    [{ kind: "rolledOut", image: "1.2.0-rc.1" }, "rolled out image 1.2.0-rc.1"],
    [{ kind: "rolledBack", revision: 3 }, "rolled back to revision 3"],
    [{ kind: "changed", fields: ["imageTag", "cpu"] }, "changed imageTag, cpu"],
    [{ kind: "changed", fields: [] }, "changed nothing"],
    [{ kind: "followed", branch: "release/2.x", build: 12, image: "a1b2c3d" }, "followed release/2.x: build #12, image a1b2c3d"],
  ])("%j is stored as %j and read back", (cause, text) => {
    expect(changeCauseText(cause)).toBe(text);
    expect(parseChangeCause(text)).toEqual(cause);
  });
  it("leaves text it did not write unparsed", () => {
    expect(parseChangeCause("kubectl edit")).toBeUndefined();
    expect(parseChangeCause("rolled back to revision x")).toBeUndefined();
  });
});
