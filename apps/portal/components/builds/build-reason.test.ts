import { describe, expect, it } from "vitest";
import { translator } from "@/messages";
import { buildReasonText } from "./build-reason";

const build = { ref: "main", dataCentre: "dc2", message: "git could not check out main" };

describe("buildReasonText", () => {
  it("words a known reason from the reader's catalogue, with the code", () => {
    expect(buildReasonText(translator("en"), { ...build, reason: "CloneFailed" })).toBe("git could not fetch or check out main (CloneFailed)");
    expect(buildReasonText(translator("zh-CN"), { ...build, reason: "CloneFailed" })).toBe("git 无法获取或检出 main (CloneFailed)");
    expect(buildReasonText(translator("zh-CN"), { ...build, reason: "NoCluster", message: "dc2 has no cluster to build in" })).toBe(
      "dc2 没有可用于构建的集群 (NoCluster)",
    );
  });

  it("shows a reason it does not know with its recorded message, and nothing without a reason", () => {
    expect(buildReasonText(translator("zh-CN"), { ...build, reason: "SomethingNew", message: "a new condition" })).toBe("SomethingNew: a new condition");
    expect(buildReasonText(translator("en"), { ...build, reason: null, message: null })).toBe("");
  });
});
