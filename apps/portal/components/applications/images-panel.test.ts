import { describe, expect, it } from "vitest";
import { readableBytes } from "./images-panel";

describe("readableBytes", () => {
  it("words sizes in IEC units, as registries report them", () => {
    expect(readableBytes(0)).toBe("0 B");
    expect(readableBytes(1023)).toBe("1023 B");
    expect(readableBytes(1536)).toBe("1.5 KiB");
    expect(readableBytes(50 * 1024 * 1024)).toBe("50.0 MiB");
    expect(readableBytes(3 * 1024 ** 4)).toBe("3.0 TiB");
  });
});
