import { ZERO } from "@capstan/domain";
import { expect, it } from "vitest";
import { translator } from "@/messages";
import { amountsText, amountText, meteredResources, splitSystems } from "./amounts";

const en = translator("en");
const zh = translator("zh-CN");

it("shows every amount in the units quota refusals use, never Kubernetes notation", () => {
  expect([0, 250, 1000, 2500].map((n) => amountText(en, "cpuMillis", n))).toEqual(["0 cores", "250 millicores", "1 core", "2.5 cores"]);
  expect([512, 1792, 1_830_800].map((n) => amountText(en, "memoryMiB", n))).toEqual(["512 MiB", "1.75 GiB", "1.75 TiB"]);
  expect(amountText(en, "instances", 3)).toBe("3");
  expect([250, 2500].map((n) => amountText(zh, "cpuMillis", n))).toEqual(["250 毫核", "2.5 核"]);
});

it("names the amounts of a request, leaving out what it does not ask for", () => {
  expect(amountsText(en, { cpuMillis: 2000, memoryMiB: 4096, gpu: 1, instances: 3 })).toBe("2 cores · 4 GiB · 1 GPU · 3 instances");
  expect(amountsText(en, { ...ZERO, instances: 5 })).toBe("5 instances");
  expect(amountsText(zh, { ...ZERO, cpuMillis: 500, gpu: 2 })).toBe("500 毫核 · 2 个 GPU");
  expect([amountsText(en, ZERO), amountsText(en, null)]).toEqual(["—", "—"]);
});

it("meters only resources with a quota or a use", () => {
  expect(meteredResources({ ...ZERO, cpuMillis: 100 }, { ...ZERO, memoryMiB: 1024 })).toEqual(["cpuMillis", "memoryMiB"]);
  expect(meteredResources(ZERO, ZERO)).toEqual([]);
});

it("collapses the systems that have no quota and use nothing", () => {
  const s = (name: string, set: boolean, instances = 0) => ({ name, set, used: { ...ZERO, instances } });
  const { shown, without } = splitSystems([s("a", true), s("b", false), s("c", false, 2), s("d", false)]);
  expect(shown.map((x) => x.name)).toEqual(["a", "c"]);
  expect(without.map((x) => x.name)).toEqual(["b", "d"]);
});
