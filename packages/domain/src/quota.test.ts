import { describe, expect, it } from "vitest";
import { renderFieldReason } from "./error-reasons";
import {
  add,
  belowUseFault,
  checkSystemQuotasWithinDepartment,
  fits,
  groupFootprint,
  headroom,
  type Resources,
  scale,
  shortfallFault,
  sub,
  sum,
  ZERO,
} from "./quota";

const r = (cpuMillis: number, memoryMiB: number, gpu = 0, instances = 0): Resources => ({ cpuMillis, memoryMiB, gpu, instances });

describe("arithmetic", () => {
  it("adds, subtracts and sums per resource", () => {
    expect(add(r(500, 512, 1, 2), r(1500, 1536, 0, 3))).toEqual(r(2000, 2048, 1, 5));
    expect(sub(r(2000, 2048, 1, 5), r(500, 512, 1, 2))).toEqual(r(1500, 1536, 0, 3));
    expect(sum([r(1, 2, 3, 4), r(10, 20, 30, 40), r(100, 200, 300, 400)])).toEqual(r(111, 222, 333, 444));
  });
  it("treats zero as the identity and an empty list as zero", () => {
    expect(add(r(7, 8, 9, 10), ZERO)).toEqual(r(7, 8, 9, 10));
    expect(sub(r(7, 8, 9, 10), ZERO)).toEqual(r(7, 8, 9, 10));
    expect(sum([])).toEqual(ZERO);
  });
  it("lets sub go negative; headroom stops at zero", () => {
    expect(sub(r(1000, 0), r(1500, 1))).toEqual(r(-500, -1));
    expect(headroom(r(1000, 1024, 1, 10), r(1500, 1024, 0, 4))).toEqual(r(0, 0, 1, 6));
  });
  it("does not lose precision on large totals", () => {
    const big = r(2_147_483_647, 2_147_483_647, 2_147_483_647, 2_147_483_647);
    expect(add(big, big).cpuMillis).toBe(4_294_967_294);
    expect(sum(Array(1000).fill(big)).memoryMiB).toBe(2_147_483_647_000);
  });
});

describe("scale and group footprint", () => {
  it("multiplies requests by replicas, one instance per pod", () => {
    expect(scale(r(250, 512, 1, 1), 4)).toEqual(r(1000, 2048, 4, 4));
    expect(groupFootprint({ replicas: 3, cpuMillis: 500, memoryMiB: 1024, gpu: 0 })).toEqual(r(1500, 3072, 0, 3));
    expect(groupFootprint({ replicas: 2, cpuMillis: 2000, memoryMiB: 4096, gpu: 2 })).toEqual(r(4000, 8192, 4, 2));
  });
  it("a group scaled to zero reserves nothing", () => {
    expect(groupFootprint({ replicas: 0, cpuMillis: 500, memoryMiB: 1024, gpu: 1 })).toEqual(ZERO);
  });
  it("refuses negative or fractional replicas", () => {
    expect(() => scale(r(1, 1), -1)).toThrow(RangeError);
    expect(() => scale(r(1, 1), 1.5)).toThrow("replicas must be a whole number");
    expect(() => groupFootprint({ replicas: Number.NaN, cpuMillis: 1, memoryMiB: 1, gpu: 0 })).toThrow(RangeError);
  });
});

describe("fits", () => {
  it("an exact fit fits, and so does asking for nothing", () => {
    expect(fits(r(1500, 2048, 1, 3), r(1500, 2048, 1, 3))).toEqual([]);
    expect(fits(ZERO, ZERO)).toEqual([]);
    expect(fits(ZERO, r(-1, -1, -1, -1))).toEqual([]);
  });
  it("one unit over does not fit", () => {
    expect(fits(r(1501, 0), r(1500, 0))).toEqual([{ resource: "cpuMillis", asked: 1501, free: 1500, message: "CPU: asked 1.501 cores, 1.5 cores free" }]);
  });
  it("lists every resource that does not fit, with messages a person can read", () => {
    expect(fits(r(4000, 2048, 2, 10), r(1500, 512, 0, 3))).toEqual([
      { resource: "cpuMillis", asked: 4000, free: 1500, message: "CPU: asked 4 cores, 1.5 cores free" },
      { resource: "memoryMiB", asked: 2048, free: 512, message: "Memory: asked 2 GiB, 512 MiB free" },
      { resource: "gpu", asked: 2, free: 0, message: "GPU: asked 2, 0 free" },
      { resource: "instances", asked: 10, free: 3, message: "Instances: asked 10, 3 free" },
    ]);
  });
  it("combines with headroom and footprint for a scale-up check", () => {
    const quota = r(8000, 16384, 0, 20);
    const used = r(7000, 8192, 0, 14);
    const extra = groupFootprint({ replicas: 2, cpuMillis: 1000, memoryMiB: 1024, gpu: 0 });
    expect(fits(extra, headroom(quota, used)).map((s) => s.message)).toEqual(["CPU: asked 2 cores, 1 core free"]);
  });
});

describe("quota refusals' amounts", () => {
  // Every field reason about quota amounts sends them as numbers in a stated unit, and its English reads
  // them in units people use, never Kubernetes notation ("1830800Mi", "2500m").
  it("a shortfall: asked and free", () => {
    const f = shortfallFault({ resource: "memoryMiB", asked: 2_097_152, free: 1_830_800 });
    expect(f).toEqual({
      reason: "quota_short",
      params: { resource: "Memory", unit: "MiB", asked: 2_097_152, free: 1_830_800 },
      message: "Memory: asked 2 TiB, 1.75 TiB free",
    });
    expect(shortfallFault({ resource: "cpuMillis", asked: 2500, free: 250 }).message).toBe("CPU: asked 2.5 cores, 250 millicores free");
  });
  it("a quota below use: used and the quota", () => {
    expect(belowUseFault("cpuMillis", 4000, 2500)).toEqual({
      reason: "quota_below_use",
      params: { resource: "CPU", unit: "millicores", used: 4000, quota: 2500 },
      message: "CPU: 4 cores in use, more than 2.5 cores",
    });
  });
  it("an overcommit: the systems' total and the department's quota", () => {
    const [o] = checkSystemQuotasWithinDepartment(r(0, 1792), [r(0, 2048)]);
    expect(o!.fault).toEqual({
      reason: "quota_overcommitted",
      params: { resource: "Memory", unit: "MiB", total: 2048, limit: 1792 },
      message: "Memory: systems add up to 2 GiB, the department has 1.75 GiB",
    });
  });
  it("numbers of reasons without a unit stay as they are", () => {
    expect(renderFieldReason("too_big", { maximum: 2500 })).toBe("must be at most 2500");
  });
});

describe("system quotas within the department", () => {
  const dept = r(10_000, 32_768, 2, 100);
  it("accepts systems that add up to exactly the department's quota, or less, or none", () => {
    expect(checkSystemQuotasWithinDepartment(dept, [r(6000, 16384, 1, 60), r(4000, 16384, 1, 40)])).toEqual([]);
    expect(checkSystemQuotasWithinDepartment(dept, [r(1000, 1024)])).toEqual([]);
    expect(checkSystemQuotasWithinDepartment(dept, [])).toEqual([]);
    expect(checkSystemQuotasWithinDepartment(ZERO, [ZERO, ZERO])).toEqual([]);
  });
  it("returns each over-committed resource", () => {
    expect(checkSystemQuotasWithinDepartment(dept, [r(8000, 16384, 1, 50), r(4000, 16384, 2, 50)])).toEqual([
      expect.objectContaining({ resource: "cpuMillis", total: 12_000, limit: 10_000, message: "CPU: systems add up to 12 cores, the department has 10 cores" }),
      expect.objectContaining({ resource: "gpu", total: 3, limit: 2, message: "GPU: systems add up to 3, the department has 2" }),
    ]);
  });
  it("a department without quota has room for nothing", () => {
    expect(checkSystemQuotasWithinDepartment(ZERO, [r(0, 0, 0, 1)]).map((o) => o.message)).toEqual(["Instances: systems add up to 1, the department has 0"]);
  });
});
