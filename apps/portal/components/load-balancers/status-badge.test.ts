import { LOAD_BALANCER_ALGORITHMS } from "@capstan/domain";
import { describe, expect, it } from "vitest";
import { translator } from "@/messages";
import { algorithmText } from "./status-badge";

describe("algorithmText", () => {
  it("names every algorithm of either kind in words with its own name in one pair of brackets, in both languages", () => {
    for (const locale of ["en", "zh-CN"] as const) {
      const t = translator(locale);
      for (const algorithm of Object.values(LOAD_BALANCER_ALGORITHMS).flat()) {
        const text = algorithmText(t, algorithm);
        expect(text.endsWith(` (${algorithm})`), text).toBe(true);
        expect(text.match(/[(（]/g), text).toHaveLength(1);
      }
    }
    expect(algorithmText(translator("en"), "leastconn")).toBe("Fewest connections (leastconn)");
  });
});
