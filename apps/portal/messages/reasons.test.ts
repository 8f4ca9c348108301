import { DomainError, domainError, ERROR_REASONS, errorBody, FIELD_REASONS, fieldError, INIT_CHECK_REASONS, shortfallFault } from "@capstan/domain";
import { describe, expect, it } from "vitest";
import { interpolate, LOCALES, translator } from "./index";
import { renderFieldErrors, renderInitCheck, renderServerError } from "./reasons";
import { zhCNFieldReasons, zhCNInitCheckReasons, zhCNReasons } from "./reasons.zh-CN";

/** The distinct `{param}` names of a template, sorted. */
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort().join();

describe("the catalogues of server reasons", () => {
  it("have a Chinese entry for every error reason and field reason, and none for reasons that do not exist", () => {
    // The Record types make the type checker refuse a missing key; this also catches keys kept after a reason is gone.
    expect(Object.keys(zhCNReasons).sort()).toEqual(Object.keys(ERROR_REASONS).sort());
    expect(Object.keys(zhCNFieldReasons).sort()).toEqual(Object.keys(FIELD_REASONS).sort());
    expect(Object.keys(zhCNInitCheckReasons).sort()).toEqual(Object.keys(INIT_CHECK_REASONS).sort());
  });

  it("use the same params as the English templates, so every translation can be filled", () => {
    const mismatched = (zh: Record<string, string>, en: Record<string, string>) => Object.keys(en).filter((k) => placeholders(zh[k]!) !== placeholders(en[k]!));
    expect(mismatched(zhCNReasons, Object.fromEntries(Object.entries(ERROR_REASONS).map(([k, v]) => [k, v.en])))).toEqual([]);
    expect(mismatched(zhCNFieldReasons, FIELD_REASONS)).toEqual([]);
    expect(mismatched(zhCNInitCheckReasons, INIT_CHECK_REASONS)).toEqual([]);
  });

  it("render a refusal in Chinese from its reason and params, and in English from the message", () => {
    const body = errorBody(domainError("not_found", { what: "Data centre", name: "dc9" }));
    expect(renderServerError("zh-CN", body)).toBe("找不到数据中心“dc9”。");
    expect(renderServerError("en", body)).toBe('Data centre "dc9" was not found.');
  });

  it("render a quota refusal's shortfalls from its field reasons, in Chinese words and units", () => {
    const cpu = shortfallFault({ resource: "cpuMillis", asked: 4000, free: 1500 });
    const body = errorBody(new DomainError("quota_exceeded", { system: "shop", dataCentre: "dc1", shortfalls: cpu.message }, { "resources.cpu": cpu }));
    expect(renderServerError("zh-CN", body)).toBe("超出系统“shop”在 dc1 的配额：CPU：申请 4 核，剩余 1.5。");
  });

  it("render each refused field in Chinese, keeping a schema's own English for a reason it does not know", () => {
    const e = domainError("invalid_request", { summary: "name is required" }, { name: fieldError("required") });
    expect(renderFieldErrors("zh-CN", errorBody(e))).toEqual({ name: "必填" });
    expect(renderServerError("zh-CN", errorBody(e))).toBe("请求无效：name 必填");
    expect(renderFieldErrors("zh-CN", { fields: { x: "is odd" }, fieldReasons: { x: { reason: "from_a_newer_server", params: {} } } })).toEqual({
      x: "is odd",
    });
  });

  it("fall back to the English message for a reason the portal does not know or params that are missing", () => {
    expect(renderServerError("zh-CN", { message: "Brand new refusal.", reason: "from_a_newer_server", params: {} })).toBe("Brand new refusal.");
    expect(renderServerError("zh-CN", { message: "Something.", reason: "constructor", params: {} })).toBe("Something.");
    expect(renderServerError("zh-CN", { message: 'Group "g" is being deleted.', reason: "group_being_deleted", params: {} })).toBe(
      'Group "g" is being deleted.',
    );
  });
});

describe("init check outcomes", () => {
  it("render in Chinese from the recorded reason and params, in English from the recorded message", () => {
    const c = { reason: "kubelet_too_old", params: { version: "1.28.3", minimum: "1.30.0" }, message: "Kubelet 1.28.3 is older than the required 1.30.0." };
    expect(renderInitCheck("zh-CN", c)).toBe("kubelet 1.28.3 低于要求的 1.30.0。");
    expect(renderInitCheck("en", c)).toBe(c.message);
    expect(renderInitCheck("zh-CN", { message: "Recorded before reasons existed." })).toBe("Recorded before reasons existed.");
  });
});

describe("plural forms", () => {
  const pods = "{count, plural, =0 {no pods} one {# pod} other {# pods}}";
  it("pick the CLDR plural category of the locale's language", () => {
    expect([0, 1, 2, 1970].map((count) => interpolate("en", pods, { count }))).toEqual(["no pods", "1 pod", "2 pods", "1,970 pods"]);
    // Chinese has one form only: "other".
    expect(interpolate("zh-CN", "{count, plural, one {# 个（单数）} other {# 个 Pod}}", { count: 1 })).toBe("1 个 Pod");
  });

  it("are what the catalogues' counted messages use", () => {
    expect([1, 3].map((count) => translator("en")("common.applicationCount", { count }))).toEqual(["1 application", "3 applications"]);
    expect(translator("zh-CN")("common.applicationCount", { count: 1 })).toBe("1 个应用");
    expect(translator("en")("groups.rolloutProgress", { revision: 2, updated: 1, replicas: 1, ready: 0 })).toBe(
      "Rolling out revision 2: 1 of 1 pod updated, 0 ready",
    );
  });

  it("fill plain params beside a plural form", () => {
    expect(LOCALES).toContain("en");
    expect(interpolate("en", "Move {count, plural, one {# node} other {# nodes}} to {to}?", { count: 1, to: "OFFLINE" })).toBe("Move 1 node to OFFLINE?");
  });
});
