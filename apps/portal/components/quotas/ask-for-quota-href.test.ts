import { parseCpu, parseMemory } from "@capstan/domain";
import { expect, it } from "vitest";
import { ApiError } from "@/lib/client/api-client";
import { cpuField, memoryField } from "./amounts";
import { askForQuotaHref } from "./ask-for-quota-href";

const refusal = (params: Record<string, string | number>) => new ApiError(409, "Quota exceeded", {}, "quota_exceeded", params);

it("pre-fills the request form in cores and GiB, not Kubernetes notation", () => {
  const href = askForQuotaHref(refusal({ system: "shop", dataCentre: "dc1", askCpu: "16500m", askMemory: "1536Mi", askGpu: 0, askInstances: 2 }));
  const q = new URL(href!, "http://portal").searchParams;
  expect(Object.fromEntries(q)).toEqual({ system: "shop", dataCentre: "dc1", cpu: "16.5", memory: "1.5Gi", gpu: "0", instances: "2" });
  // Memory that is not a round share of a GiB stays in MiB rather than become a long fraction.
  expect(new URL(askForQuotaHref(refusal({ askCpu: "250m", askMemory: "1000Mi" }))!, "http://portal").searchParams.get("memory")).toBe("1000Mi");
  expect(askForQuotaHref(new ApiError(409, "Conflict", {}, "stale_version", {}))).toBeNull();
});

it("writes the same amount as it reads: what is submitted is what the refusal asked for", () => {
  for (let millis = 0; millis <= 20_000; millis += 7) expect(parseCpu(cpuField(millis))).toBe(millis);
  for (let mib = 0; mib <= 70_000; mib += 13) expect(parseMemory(memoryField(mib))).toBe(mib);
  for (const mib of [128, 1536, 65_536, 1_830_784]) expect(memoryField(mib)).toMatch(/Gi$/);
});
