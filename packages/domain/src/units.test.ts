import { expect, it } from "vitest";
import { isAmountUnit, readableAmount, readableCores, readableCpu, readableMemory } from "./units";

it("shows memory in the largest binary unit, with at most one decimal", () => {
  expect(readableMemory(0)).toBe("0 MiB");
  expect(readableMemory(512)).toBe("512 MiB");
  expect(readableMemory(1023)).toBe("1023 MiB");
  expect(readableMemory(1024)).toBe("1 GiB");
  expect(readableMemory(1536)).toBe("1.5 GiB");
  expect(readableMemory(131072)).toBe("128 GiB");
  // the "1830800Mi" of free memory
  expect(readableMemory(1830800)).toBe("1.7 TiB");
  expect(readableMemory(1024 ** 3)).toBe("1 PiB");
  expect(readableMemory(-2048)).toBe("-2 GiB");
});

it("shows CPU in millicores below a core and in cores from one", () => {
  expect(readableCpu(0)).toBe("0m");
  expect(readableCpu(250)).toBe("250m");
  expect(readableCpu(1000)).toBe("1");
  expect(readableCpu(1500)).toBe("1.5");
  expect(readableCpu(64000)).toBe("64");
  expect(readableCpu(1234)).toBe("1.23");
});

it("says CPU with its unit in sentences: millicores below a core, cores from one", () => {
  expect([0, 1, 250, 1000, 1500, 1501, 2500, 64000, -500].map(readableCores)).toEqual([
    "0 cores",
    "1 millicore",
    "250 millicores",
    "1 core",
    "1.5 cores",
    "1.501 cores",
    "2.5 cores",
    "64 cores",
    "-500 millicores",
  ]);
});

it("reads an amount in the unit it travels in", () => {
  expect(readableAmount("millicores", 2500)).toBe("2.5 cores");
  // the "1830800Mi" of free memory, with the two decimals sentences use
  expect(readableAmount("MiB", 1830800)).toBe("1.75 TiB");
  expect(readableAmount("MiB", 1792)).toBe("1.75 GiB");
  expect(readableAmount("MiB", 512)).toBe("512 MiB");
  expect(readableAmount("count", 3)).toBe("3");
  expect([isAmountUnit("MiB"), isAmountUnit("Mi"), isAmountUnit(undefined)]).toEqual([true, false, false]);
});
