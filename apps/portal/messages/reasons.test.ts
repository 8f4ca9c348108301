import {
  belowUseFault,
  checkSystemQuotasWithinDepartment,
  DomainError,
  domainError,
  ERROR_REASONS,
  errorBody,
  FIELD_REASONS,
  fieldError,
  INIT_CHECK_REASONS,
  shortfallFault,
  ZERO,
} from "@capstan/domain";
import { describe, expect, it } from "vitest";
import { interpolate, LOCALES, translator } from "./index";
import { renderFieldError, renderFieldErrors, renderInitCheck, renderServerError } from "./reasons";
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
    expect(renderServerError("zh-CN", body)).toBe("超出系统“shop”在 dc1 的配额：CPU：申请 4 核，剩余 1.5 核。");
  });

  it("render a finding sent with its reason (a placement preview's shortfall) in Chinese, else its English", () => {
    const memory = shortfallFault({ resource: "memoryMiB", asked: 4096, free: 1024 });
    expect(renderFieldError("zh-CN", memory.message, memory)).toBe("内存：申请 4 GiB，剩余 1 GiB");
    expect(renderFieldError("en", memory.message, memory)).toBe("Memory: asked 4 GiB, 1 GiB free");
  });

  describe("render every quota refusal's amounts readably, in English and Chinese", () => {
    // Amounts travel as numbers with their unit (quota.ts); neither language shows Kubernetes notation.
    const short = [shortfallFault({ resource: "memoryMiB", asked: 2048, free: 1792 }), shortfallFault({ resource: "cpuMillis", asked: 2500, free: 500 })];
    const shortfalls = { memory: short[0]!, cpu: short[1]! };
    const shortText = short.map((f) => f.message).join("; ");
    const cases: [string, DomainError, string, string][] = [
      [
        "quota_exceeded",
        domainError("quota_exceeded", { system: "shop", dataCentre: "dc1", shortfalls: shortText }, shortfalls),
        'Over the quota of system "shop" in dc1: Memory: asked 2 GiB, 1.75 GiB free; CPU: asked 2.5 cores, 500 millicores free.',
        "超出系统“shop”在 dc1 的配额：内存：申请 2 GiB，剩余 1.75 GiB；CPU：申请 2.5 核，剩余 500 毫核。",
      ],
      [
        "quota_exceeded_none_set",
        domainError("quota_exceeded_none_set", { system: "shop", dataCentre: "dc1", shortfalls: short[1]!.message }, { cpu: short[1]! }),
        'Over the quota of system "shop" in dc1: CPU: asked 2.5 cores, 500 millicores free. System "shop" has no quota in dc1 yet: ask for one.',
        "超出系统“shop”在 dc1 的配额：CPU：申请 2.5 核，剩余 500 毫核。系统“shop”在 dc1 还没有配额：请申请。",
      ],
      [
        "rollout_cannot_complete",
        domainError(
          "rollout_cannot_complete",
          { group: "web", cluster: "c1", system: "shop", dataCentre: "dc1", shortfalls: short[0]!.message },
          { memory: short[0]! },
        ),
        'Group "web" cannot be rolled in c1: the quota of system "shop" in dc1 has no room to replace its pods there (Memory: asked 2 GiB, 1.75 GiB free). Scale a group of the system down there, or ask for more quota, first.',
        "分组“web”无法在 c1 中滚动更新：系统“shop”在 dc1 的配额没有余量替换其中的 Pod（内存：申请 2 GiB，剩余 1.75 GiB）。请先缩容该系统在那里的某个分组，或申请更多配额。",
      ],
      [
        "system_quota_below_use",
        (() => {
          const f = belowUseFault("cpuMillis", 4000, 2500);
          return domainError("system_quota_below_use", { system: "shop", dataCentre: "dc1", inUse: f.message }, { cpu: f });
        })(),
        'The groups of "shop" already use more than that in dc1: CPU: 4 cores in use, more than 2.5 cores.',
        "“shop”的分组在 dc1 已使用的资源超过此值：CPU：已使用 4 核，超过 2.5 核。",
      ],
      ...(["system_quota_over_department", "system_quota_over_department_none_set", "department_quota_below_given"] as const).map(
        (reason): [string, DomainError, string, string] => {
          const [o] = checkSystemQuotasWithinDepartment({ ...ZERO, memoryMiB: 1_830_800 }, [{ ...ZERO, memoryMiB: 2_097_152 }]);
          const e = domainError(reason, { department: "retail", dataCentre: "dc1", overcommits: o!.message }, { memory: o!.fault });
          return [reason, e, o!.message, "内存：各系统合计 2 TiB，部门共有 1.75 TiB"];
        },
      ),
    ];
    it.each(cases)("%s", (_, e, english, chinese) => {
      const body = errorBody(e);
      expect(body.params).not.toHaveProperty("unit"); // the units are stated on each part
      for (const f of Object.values(body.fieldReasons ?? {})) expect(f.params).toMatchObject({ unit: expect.stringMatching(/^(millicores|MiB|count)$/) });
      expect(renderServerError("en", body)).toContain(english);
      expect(renderServerError("zh-CN", body)).toContain(chinese);
      for (const text of [renderServerError("en", body), renderServerError("zh-CN", body)]) expect(text).not.toMatch(/\d(Mi|Gi|Ti|m)\b/);
    });
  });

  it("render each refused field in Chinese, keeping a schema's own English for a reason it does not know", () => {
    const e = domainError("invalid_request", { summary: "name is required" }, { name: fieldError("required") });
    expect(renderFieldErrors("zh-CN", errorBody(e))).toEqual({ name: "必填" });
    expect(renderServerError("zh-CN", errorBody(e))).toBe("请求无效：名称 必填");
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
