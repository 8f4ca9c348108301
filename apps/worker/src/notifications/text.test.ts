import { describe, expect, it } from "vitest";
import { deliveryLocales, outboundText } from "./text";

describe("outboundText", () => {
  const params = { number: 7, application: "shop", branch: "main", group: "web", dataCentre: "dc2", buildReason: "PushFailed" };

  it("words a failed build's reason in the reader's language, as the portal does", () => {
    expect(outboundText(["zh-CN"], "follow_build_failed", params)).toBe(
      "shop（main）的构建 #7 失败：推送到镜像仓库失败（见日志）。dc2 中的分组“web”保持原样运行。",
    );
  });

  it("writes a department's delivery in English and then in Chinese", () => {
    const text = outboundText(deliveryLocales(null), "follow_build_failed", params);
    expect(text.split("\n\n")).toEqual([
      'Build #7 of shop (main) failed: the push to the registry failed (see the log). Group "web" in dc2 runs what it ran.',
      "shop（main）的构建 #7 失败：推送到镜像仓库失败（见日志）。dc2 中的分组“web”保持原样运行。",
    ]);
  });
});
