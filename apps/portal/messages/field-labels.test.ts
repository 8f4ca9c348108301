import * as schemas from "@capstan/domain/src/schemas";
import { DomainError, errorBody, parseInput } from "@capstan/domain";
import { describe, expect, it } from "vitest";
import { FIELD_LABELS, fieldLabel } from "./field-labels";
import { LOCALES, translator } from "./index";
import { renderServerError } from "./reasons";

// zod 4's schema definitions, as far as walking them for field paths needs.
type Def = {
  type: string;
  shape?: Record<string, Walkable>;
  innerType?: Walkable;
  in?: Walkable;
  out?: Walkable;
  element?: Walkable;
  valueType?: Walkable;
  options?: Walkable[];
  left?: Walkable;
  right?: Walkable;
  getter?: () => Walkable;
};
type Walkable = { _zod: { def: Def } };

/** Every field path a schema can name in a refusal ("*" for an array index or a map key), as parseInput's `fields` keys do. */
function fieldPaths(schema: Walkable, path: string[] = [], out = new Set<string>(), seen = new Set<Walkable>()): Set<string> {
  if (!schema?._zod || seen.has(schema)) return out;
  seen.add(schema);
  const d = schema._zod.def;
  const inner = (s: Walkable | undefined, p = path) => s && fieldPaths(s, p, out, seen);
  if (d.type === "object") {
    for (const [k, v] of Object.entries(d.shape ?? {})) {
      out.add([...path, k].join("."));
      inner(v, [...path, k]);
    }
  } else if (d.type === "array") inner(d.element, [...path, "*"]);
  else if (d.type === "record") inner(d.valueType, [...path, "*"]);
  else if (d.type === "pipe") [d.in, d.out].forEach((s) => inner(s));
  else if (d.type === "union") d.options?.forEach((s) => inner(s));
  else if (d.type === "intersection") [d.left, d.right].forEach((s) => inner(s));
  else if (d.type === "lazy") inner(d.getter?.());
  else inner(d.innerType); // optional, nullable, default, readonly, catch …
  return out;
}

const requestFields = () => {
  const all = new Set<string>();
  for (const s of Object.values(schemas)) if (s && typeof s === "object" && "_zod" in s) fieldPaths(s as unknown as Walkable, [], all);
  return [...all].sort();
};

describe("field labels", () => {
  it("label every field any request schema can report, in both catalogues", () => {
    const fields = requestFields();
    expect(fields.length).toBeGreaterThan(50); // the walk reached the schemas' fields
    expect(fields).toContain("env.*.name");
    expect(fields.filter((f) => !Object.hasOwn(FIELD_LABELS, f))).toEqual([]);
    for (const locale of LOCALES) {
      const t = translator(locale);
      for (const f of fields) expect(t(FIELD_LABELS[f]!), `${locale} ${f}`).toMatch(/\S/);
    }
  });

  it("name a field by its label: array items by their field, map keys under theirs, unknown fields as sent", () => {
    const zh = translator("zh-CN");
    expect(fieldLabel(zh, "cpu")).toBe("CPU");
    expect(fieldLabel(zh, "env.2.name")).toBe("环境变量名");
    expect(fieldLabel(zh, "labels.capstan.io/rack")).toBe("标签 capstan.io/rack");
    expect(fieldLabel(zh, "fromANewerServer")).toBe("fromANewerServer");
  });

  it("a zh-CN reader's validation summary names the fields in Chinese, not by the API's names", () => {
    let refusal: unknown;
    try {
      parseInput(schemas.SystemCreate, { name: "Bad Name", displayName: "", department: "retail" });
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    const text = renderServerError("zh-CN", errorBody(refusal as DomainError));
    expect(text).toMatch(/^请求无效：/);
    expect(text).toContain("名称");
    expect(text).toContain("显示名称");
    expect(text).not.toMatch(/\b(name|displayName)\b/);
  });
});
