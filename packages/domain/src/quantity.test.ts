import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareQuantity, formatCpu, formatMemory, parseCpu, parseMemory, parseQuantity, toMiB } from "./quantity";
import { GroupCreate, QuotaSet } from "./schemas";

it("parses and formats CPU", () => {
  expect([parseCpu("500m"), parseCpu("2"), parseCpu("1.5"), parseCpu("0.25"), parseCpu("1.001"), parseCpu("2.002")]).toEqual([
    500, 2000, 1500, 250, 1001, 2002,
  ]);
  expect([parseCpu("-1"), parseCpu("1.5m"), parseCpu("abc"), parseCpu("1e-4")]).toEqual([undefined, undefined, undefined, undefined]);
  expect([formatCpu(2000), formatCpu(250)]).toEqual(["2", "250m"]);
});

it("parses and formats memory", () => {
  expect([parseMemory("512Mi"), parseMemory("2Gi"), parseMemory("1G"), parseMemory("1048576")]).toEqual([512, 2048, 954, 1]);
  expect([parseMemory("-5Mi"), parseMemory("5mb"), parseMemory("")]).toEqual([undefined, undefined, undefined]);
  expect([formatMemory(2048), formatMemory(300)]).toEqual(["2Gi", "300Mi"]);
});

describe("resource.Quantity's grammar", () => {
  it.each([
    ["1Pi", 2n ** 50n, 1n],
    ["1Ei", 2n ** 60n, 1n],
    ["1024Ti", 2n ** 50n, 1n],
    ["1P", 10n ** 15n, 1n],
    ["2E", 2n * 10n ** 18n, 1n],
    ["1e3", 1000n, 1n],
    ["1E3", 1000n, 1n],
    ["5e+2", 500n, 1n],
    ["1.5k", 1500n, 1n],
    ["+.5k", 500n, 1n],
    ["1.", 1n, 1n],
    ["0.", 0n, 1n],
    ["-0", 0n, 1n],
    ["123456789n", 123456789n, 10n ** 9n],
    ["1000000000n", 1n, 1n],
    ["1000000u", 1n, 1n],
    ["1000m", 1n, 1n],
    ["-2.5e-1", -1n, 4n],
    [" 2Gi ", 2n ** 31n, 1n],
  ])("reads %j as %d/%d", (text, num, den) => {
    const q = parseQuantity(text)!;
    expect(q.num * den).toBe(num * q.den);
  });
  it.each(["", "1K", "1ki", "1KB", "1e", "1e3.5", "1.2.3", "e3", ".", "1 Gi", "--1", "1Gi2", "0x10", "Infinity", "1_000"])("refuses %j", (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
  it("reads absurd exponents without computing them", () => {
    expect(compareQuantity(parseQuantity("1e999999999")!, parseQuantity("1Ei")!)).toBe(1);
    expect(compareQuantity(parseQuantity("1e-999999999")!, parseQuantity("1n")!)).toBe(-1);
    expect(compareQuantity(parseQuantity("1e-999999999")!, parseQuantity("0")!)).toBe(1);
  });

  const SUFFIXES = {
    "": 1n,
    k: 10n ** 3n,
    M: 10n ** 6n,
    G: 10n ** 9n,
    T: 10n ** 12n,
    P: 10n ** 15n,
    E: 10n ** 18n,
    Ki: 2n ** 10n,
    Mi: 2n ** 20n,
    Gi: 2n ** 30n,
    Ti: 2n ** 40n,
    Pi: 2n ** 50n,
    Ei: 2n ** 60n,
  };
  it("reads every suffix and the exponent form as the same value", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.constantFrom(...Object.entries(SUFFIXES)), (n, [suffix, factor]) => {
        const byValue = parseQuantity(String(n * factor))!;
        expect(compareQuantity(parseQuantity(`${n}${suffix}`)!, byValue)).toBe(0);
        if (factor % 10n === 0n || factor === 1n) {
          const e = String(factor).length - 1;
          expect(compareQuantity(parseQuantity(`${n}e${e}`)!, byValue)).toBe(0);
          expect(compareQuantity(parseQuantity(`${n}000e${e - 3}`)!, byValue)).toBe(0);
        }
      }),
    );
  });
  it("rounds memory up to whole MiB", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 60n }), (bytes) => {
        const mib = BigInt(toMiB(parseQuantity(String(bytes))!));
        expect(mib * 2n ** 20n >= bytes && (mib - 1n) * 2n ** 20n < bytes).toBe(true);
      }),
    );
  });
});

// Every bound a quantity field documents: accepted at exactly the bound in any spelling, refused one
// step beyond, and the message names the bound.
describe("quantity bounds", () => {
  const group = (over: Record<string, string>) =>
    GroupCreate.safeParse({ name: "web", dataCentre: "dc1", imageTag: "v1", replicas: 1, cpu: "1", memory: "1Gi", ...over });
  const quota = (over: Record<string, string>) => QuotaSet.safeParse({ cpu: "1", memory: "1Gi", gpu: 0, instances: 0, ...over });
  const cases: [string, (o: Record<string, string>) => { success: boolean; error?: { issues: { message: string }[] } }, string, string[], string[], string][] =
    [
      ["group cpu min", group, "cpu", ["10m", "0.01", "1e-2", "10000000n", "10000u"], ["9m", "0.009", "9999999n"], "10m"],
      ["group cpu max", group, "cpu", ["64", "64000m", "0.064k", "6.4e1"], ["64001m", "64.001", "65"], "64"],
      ["group memory min", group, "memory", ["16Mi", "16384Ki", "16777216", "0.015625Gi"], ["16777215", "16383Ki", "15Mi"], "16Mi"],
      ["group memory max", group, "memory", ["512Gi", "0.5Ti", "524288Mi", "549755813888"], ["549755813889", "513Gi", "0.6Ti"], "512Gi"],
      ["quota cpu max", quota, "cpu", ["100000", "100k", "1e5", "100000000m", "0.1M"], ["100001", "100000001m", "1e6", "1E"], "100000"],
      [
        "quota memory max",
        quota,
        "memory",
        ["1Pi", "1024Ti", "1048576Gi", "1125899906842624", "0.0009765625Ei"],
        ["1125899906842625", "1025Ti", "2Pi", "1Ei", "1.2P"],
        "1Pi",
      ],
      ["quota memory min", quota, "memory", ["0", "0Mi", "-0"], ["-1", "-1Mi"], "0"],
    ];
  it.each(cases)("%s", (_, parse, field, accepted, refused, bound) => {
    for (const text of accepted) expect(parse({ [field]: text }).success, text).toBe(true);
    for (const text of refused) {
      const r = parse({ [field]: text });
      expect(r.success, text).toBe(false);
      expect(r.error?.issues[0]?.message, text).toContain(` ${bound}`);
    }
  });
  it("stores exactly the value at the bound", () => {
    expect(QuotaSet.parse({ cpu: "100k", memory: "1Pi", gpu: 0, instances: 0 })).toMatchObject({ cpu: 100_000_000, memory: 1_073_741_824 });
  });
  it("refuses CPU finer than a millicore, saying so", () => {
    expect(group({ cpu: "100.5m" }).error?.issues[0]?.message).toContain("whole number of millicores");
  });
});

describe("count bounds", () => {
  const group = (over: Record<string, number>) =>
    GroupCreate.safeParse({ name: "web", dataCentre: "dc1", imageTag: "v1", replicas: 1, cpu: "1", memory: "1Gi", ...over });
  const quota = (over: Record<string, number>) => QuotaSet.safeParse({ cpu: "1", memory: "1Gi", gpu: 0, instances: 0, ...over });
  it.each([
    ["replicas", group, 500],
    ["gpu", group, 8],
    ["gpu", quota, 100_000],
    ["instances", quota, 1_000_000],
  ] as const)("%s: the bound in the message is accepted, one more is refused", (field, parse, max) => {
    expect(parse({ [field]: max }).success).toBe(true);
    expect(parse({ [field]: 0 }).success).toBe(true);
    expect(parse({ [field]: max + 1 }).error?.issues[0]?.message).toBe(`must be at most ${max}`);
    expect(parse({ [field]: -1 }).success).toBe(false);
  });
});
