import { GroupListQuery } from "@capstan/domain";
import { describe, expect, it } from "vitest";
import { listParams } from "./list-params";

describe("listParams", () => {
  it("keeps the valid parameters a list declares and drops bad, repeated, empty and unknown ones", () => {
    expect(listParams({ q: "web", sort: "-phase", phase: "FAILED", dataCentre: "dc1", mine: "true", page: "2" }, GroupListQuery)).toEqual({
      q: "web",
      sort: "-phase",
      phase: "FAILED",
      dataCentre: "dc1",
      mine: "true",
      page: "2",
    });
    expect(listParams({ sort: "imageTag", phase: "broken", page: "0", dataCentre: ["dc1", "dc2"], q: "", tab: "x" }, GroupListQuery)).toEqual({});
  });
});
