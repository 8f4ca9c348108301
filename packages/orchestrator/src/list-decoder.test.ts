import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ListDecoder } from "./list-decoder";

/** Decodes `body` fed in chunks cut at `cuts` (byte offsets). */
function decode(body: string, cuts: number[], onMetadata?: (m: Record<string, unknown>) => void) {
  const bytes = Buffer.from(body);
  const d = new ListDecoder(onMetadata);
  let at = 0;
  for (const c of [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b)) {
    d.write(bytes.subarray(at, c));
    at = c;
  }
  d.write(bytes.subarray(at));
  return d.end();
}

// Strings with what makes splitting hard: quotes, backslashes, braces and brackets, multi-byte characters.
const tricky = fc.string({ unit: fc.constantFrom("a", '"', "\\", "{", "}", "[", "]", ",", ":", "é", "中", "😀", " ") });
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    tricky,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(tricky, tie("value"), { maxKeys: 4 }),
  ),
}));
const item = fc.dictionary(tricky, json.value, { maxKeys: 5 });

describe("ListDecoder", () => {
  it("decodes any list as JSON.parse does, however the body is cut", () => {
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 12 }),
        fc.dictionary(tricky, json.value, { maxKeys: 3 }),
        fc.array(fc.nat({ max: 4000 }), { maxLength: 30 }),
        fc.boolean(),
        (items, extra, cuts, pretty) => {
          const list = { kind: "PodList", apiVersion: "v1", metadata: { resourceVersion: "7", continue: 'a"b\\' }, ...extra, items };
          const body = JSON.stringify(list, null, pretty ? 2 : undefined);
          expect(decode(body, cuts)).toEqual(JSON.parse(body));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("hands on the metadata as soon as it is complete, before the items arrive", () => {
    const body = JSON.stringify({ kind: "PodList", apiVersion: "v1", metadata: { resourceVersion: "42", continue: "tok" }, items: [{ a: 1 }] });
    const d = new ListDecoder((m) => seen.push(m));
    const seen: Record<string, unknown>[] = [];
    const cut = body.indexOf('"items"');
    d.write(Buffer.from(body.slice(0, cut)));
    expect(seen).toEqual([{ resourceVersion: "42", continue: "tok" }]);
    d.write(Buffer.from(body.slice(cut)));
    expect(d.end().items).toEqual([{ a: 1 }]);
  });

  it("finds metadata split across chunks, and a key named like it inside an item is not it", () => {
    const body = JSON.stringify({ items: [{ metadata: { name: "x" } }], metadata: { continue: "c" } });
    const seen: unknown[] = [];
    for (let cut = 0; cut <= body.length; cut++) {
      seen.length = 0;
      expect(decode(body, [cut], (m) => seen.push(m)).items).toEqual([{ metadata: { name: "x" } }]);
      expect(seen).toEqual([{ continue: "c" }]);
    }
  });

  it("refuses a body cut off or not JSON", () => {
    const body = JSON.stringify({ kind: "PodList", items: [{ a: 1 }, { b: 2 }] });
    for (let cut = 0; cut < body.length; cut++) expect(() => decode(body.slice(0, cut), [])).toThrow(SyntaxError);
    expect(() => decode('{"items":[{"a":1},{"b":}]}', [])).toThrow(SyntaxError);
    expect(() => decode("<html>", [])).toThrow(SyntaxError);
    // Items are objects: anything else would be dropped silently by a split that looks for braces.
    expect(() => decode('{"items":[{"a":1},"x"]}', [])).toThrow(SyntaxError);
    expect(() => decode('{"items":[1]}', [])).toThrow(SyntaxError);
  });

  it("returns an object that is not a list (a Status) whole", () => {
    const status = { kind: "Status", apiVersion: "v1", status: "Failure", code: 410, reason: "Expired", details: { causes: [{ items: "x" }] } };
    expect(decode(JSON.stringify(status), [5, 50])).toEqual(status);
  });
});
