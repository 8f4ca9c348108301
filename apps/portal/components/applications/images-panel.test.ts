import { describe, expect, it } from "vitest";
import { pushCommands, readableBytes } from "./images-panel";

describe("readableBytes", () => {
  it("words sizes in IEC units, as registries report them", () => {
    expect(readableBytes(0)).toBe("0 B");
    expect(readableBytes(1023)).toBe("1023 B");
    expect(readableBytes(1536)).toBe("1.5 KiB");
    expect(readableBytes(50 * 1024 * 1024)).toBe("50.0 MiB");
    expect(readableBytes(3 * 1024 ** 4)).toBe("3.0 TiB");
  });
});

describe("pushCommands", () => {
  const lines = (plainHttp: boolean) => pushCommands("r.example:5000", "r.example:5000/shop/web", plainHttp).flatMap((c) => c.lines);
  it("tells podman and skopeo to skip TLS only for a plain-HTTP registry", () => {
    expect(lines(true)).toContain("podman push --tls-verify=false my-image r.example:5000/shop/web:<tag>");
    expect(lines(true)).toContain("skopeo login --tls-verify=false r.example:5000");
    expect(lines(true).join("\n")).toContain("--dest-tls-verify=false");
    expect(lines(false).join("\n")).not.toContain("=false");
    expect(lines(false)).toContain("podman push my-image r.example:5000/shop/web:<tag>");
  });
});
