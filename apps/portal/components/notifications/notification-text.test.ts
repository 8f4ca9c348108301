import type { NotificationDto } from "@capstan/domain";
import { describe, expect, it } from "vitest";
import { translator } from "@/messages";
import { notificationText } from "./notification-text";

const failed: NotificationDto = {
  id: "n1",
  kind: "group.follow-failed",
  reason: "follow_build_failed",
  params: { number: 7, application: "shop", branch: "main", group: "web", dataCentre: "dc2", buildReason: "CloneFailed" },
  message: 'Build #7 of shop (main) failed: CloneFailed. Group "web" in dc2 runs what it ran.',
  link: "/systems/s/applications/shop/builds/b1",
  read: false,
  createdAt: "2026-11-30T12:00:00.000Z",
};

describe("notificationText", () => {
  it("words a failed build's reason in the reader's language", () => {
    expect(notificationText(translator("zh-CN"), failed)).toBe("shop（main）的构建 #7 失败：git 无法获取或检出 main。dc2 中的分组“web”保持原样运行。");
    expect(notificationText(translator("en"), failed)).toBe(
      'Build #7 of shop (main) failed: git could not fetch or check out main. Group "web" in dc2 runs what it ran.',
    );
  });

  it("keeps a reason code it does not know, and the server's English for a notification it does not know", () => {
    expect(notificationText(translator("en"), { ...failed, params: { ...failed.params, buildReason: "Odd" } })).toContain("failed: Odd.");
    expect(notificationText(translator("zh-CN"), { ...failed, reason: "later_reason" })).toBe(failed.message);
  });
});
