import { expect, it } from "vitest";
import { readableCpu, readableMemory } from "./units";

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
