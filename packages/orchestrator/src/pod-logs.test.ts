import { describe, expect, it } from "vitest";
import { mergeLogLines, type PodLogLine, type PodLogStream, timestampKey } from "./pod-logs";

/** A pod's stream that yields `lines` (timestamp, text), each after `gapMs`. */
function stream(pod: string, lines: [string, string][], gapMs = 0): PodLogStream {
  return {
    pod,
    close: () => {},
    lines: (async function* () {
      for (const [timestamp, text] of lines) {
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
        yield { pod, timestamp, text };
      }
    })(),
  };
}
const collect = async (it: AsyncIterable<PodLogLine>) => {
  const out: string[] = [];
  for await (const l of it) out.push(`${l.pod} ${l.text}`);
  return out;
};

describe("merging pods' logs", () => {
  it("orders by the kubelet's timestamp, whatever its fraction's length", () => {
    expect(timestampKey("2026-11-30T13:47:39.5Z") > timestampKey("2026-11-30T13:47:39.000000001Z")).toBe(true);
    expect(timestampKey("2026-11-30T13:47:39Z") < timestampKey("2026-11-30T13:47:39.000000001Z")).toBe(true);
  });

  it("interleaves ended streams in time order; ties keep arrival order", async () => {
    const a = stream("a", [
      ["2026-11-30T10:00:00.100000000Z", "1"],
      ["2026-11-30T10:00:00.300000000Z", "3"],
    ]);
    const b = stream(
      "b",
      [
        ["2026-11-30T10:00:00.200000000Z", "2"],
        ["2026-11-30T10:00:00.300000000Z", "3b"],
        ["2026-11-30T10:00:00.400000000Z", "4"],
      ],
      20,
    );
    expect(await collect(mergeLogLines([a, b]))).toEqual(["a 1", "b 2", "a 3", "b 3b", "b 4"]);
  });

  it("does not hold a line for a quiet stream longer than the hold time", async () => {
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "000000Z");
    let release!: () => void;
    const quiet: PodLogStream = {
      pod: "q",
      close: () => release(),
      lines: (async function* () {
        await new Promise<void>((r) => (release = r));
      })(),
    };
    const merged = mergeLogLines([stream("a", [[iso(now), "x"]]), quiet], 100)[Symbol.asyncIterator]();
    const first = await merged.next();
    expect(first.value).toMatchObject({ pod: "a", text: "x" });
    expect(Date.now() - now).toBeLessThan(1000);
    quiet.close();
    expect((await merged.next()).done).toBe(true);
  });
});
