import { it, expect } from "vitest";
import { parseQuantity, formatQuantity } from "./quantity.js";

it("parses and formats quantities", () => {
  expect(parseQuantity("500m")).toBe(0.5);
  expect(parseQuantity("2")).toBe(2);
  expect(parseQuantity("1Gi")).toBe(1024 ** 3);
  expect(parseQuantity("128M")).toBe(128e6);
  expect(() => parseQuantity("abc")).toThrow();
  expect(formatQuantity("requests.cpu", 0.25)).toBe("250m");
  expect(formatQuantity("requests.memory", 2 * 1024 ** 3)).toBe("2Gi");
});

it("reads every suffix and form resource.Quantity does, and nothing else", () => {
  expect([parseQuantity("1Pi"), parseQuantity("1Ei"), parseQuantity("1e3"), parseQuantity("1E"), parseQuantity(".5"), parseQuantity("1.")]).toEqual([
    1024 ** 5,
    1024 ** 6,
    1000,
    1e18,
    0.5,
    1,
  ]);
  expect(parseQuantity("5n")).toBeCloseTo(5e-9, 15);
  expect(parseQuantity("5u")).toBeCloseTo(5e-6, 12);
  for (const bad of ["1.2.3", ".", "1K", "1e", "1 Gi"]) expect(() => parseQuantity(bad), bad).toThrow();
});
