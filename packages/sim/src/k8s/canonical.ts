// Key-order-insensitive JSON: patches and clients reorder keys, comparisons must not care.
import { isObj } from "./objects.js";

/** JSON text of `v` with object keys sorted and undefined fields left out. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (isObj(v))
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(",")}}`;
  return JSON.stringify(v) ?? "null";
}
export const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
