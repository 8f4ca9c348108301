import { describe, expect, it } from "vitest";
import { NOTIFICATION_KINDS, NOTIFICATION_REASONS, NotificationDeliverySchema, notificationText, webhookBody } from "./notifications";

describe("notifications", () => {
  it("fills a reason's params into its English", () => {
    expect(notificationText("node_not_ready", { node: "n1", cluster: "dc1-a" })).toBe('Node "n1" in dc1-a is NotReady.');
    expect(notificationText("node_not_ready", { node: "n1" })).toBe('Node "n1" in {cluster} is NotReady.');
  });
  it("every reason belongs to a kind", () => {
    for (const r of Object.values(NOTIFICATION_REASONS)) expect(Object.keys(NOTIFICATION_KINDS)).toContain(r.kind);
  });
  it("writes the bodies WeCom/DingTalk and Slack accept", () => {
    expect(webhookBody("msgtype", "hello", "https://c/x")).toEqual({ msgtype: "text", text: { content: "hello\nhttps://c/x" } });
    expect(webhookBody("slack", "hello", "https://c/x")).toEqual({ text: "hello\nhttps://c/x" });
  });
  it("a delivery names exactly one owner and a portal path", () => {
    const d = { channel: "email", reason: "node_not_ready", params: {}, link: "/nodes" };
    expect(NotificationDeliverySchema.safeParse({ ...d, userId: "u" }).success).toBe(true);
    expect(NotificationDeliverySchema.safeParse(d).success).toBe(false);
    expect(NotificationDeliverySchema.safeParse({ ...d, userId: "u", departmentId: "d" }).success).toBe(false);
    expect(NotificationDeliverySchema.safeParse({ ...d, userId: "u", link: "https://evil.test/" }).success).toBe(false);
  });
});
