// Kubernetes resource quantities for CPU and memory, kept as whole millicores and MiB in the database.
//
// The grammar is resource.Quantity's (k8s.io/apimachinery/pkg/api/resource/quantity.go):
//   <quantity>        ::= <signedNumber><suffix>
//   <signedNumber>    ::= <number> | <sign><number>          <sign> ::= "+" | "-"
//   <number>          ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
//   <suffix>          ::= <binarySI> | <decimalExponent> | <decimalSI>
//   <binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei
//   <decimalSI>       ::= n | u | m | "" | k | M | G | T | P | E
//   <decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber>   (a whole exponent, as the parser reads it)
// Values are kept exact (a ratio of big integers) so bounds compare by value, not by spelling:
// "1Pi", "1024Ti" and "1125899906842624" are the same quantity.

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/;
/** Suffix → [power of 2, power of 10]. */
const SUFFIX: Record<string, [number, number]> = {
  "": [0, 0],
  n: [0, -9],
  u: [0, -6],
  m: [0, -3],
  k: [0, 3],
  M: [0, 6],
  G: [0, 9],
  T: [0, 12],
  P: [0, 15],
  E: [0, 18],
  Ki: [10, 0],
  Mi: [20, 0],
  Gi: [30, 0],
  Ti: [40, 0],
  Pi: [50, 0],
  Ei: [60, 0],
};
// Beyond 10^±LIMIT every bound Capstan has is far away, so the value is kept as just "huge" or "tiny"
// (and "1e999999999" costs nothing to read).
const LIMIT = 60;

/** An exact quantity in base units (cores, bytes): num / den, den > 0. */
export interface Quantity {
  num: bigint;
  den: bigint;
}

/**
 * Parses a Kubernetes quantity ("500m", "1.5", "2Gi", "1Pi", "1e3", "+.5k") to its exact value, or
 * undefined when it does not match resource.Quantity's grammar (see the top of this file). Leading and
 * trailing spaces are ignored, as Quantity's JSON decoding does.
 */
export function parseQuantity(text: string): Quantity | undefined {
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const [, sign, number, exponent, suffix] = m as unknown as [string, string, string, string | undefined, string | undefined];
  const [whole, fraction = ""] = number.split(".");
  const digits = `${whole}${fraction}`.replace(/^0+/, "");
  if (digits === "") return { num: 0n, den: 1n };
  const [two, ten] = exponent !== undefined ? [0, Number(exponent)] : SUFFIX[suffix ?? ""]!;
  const tens = ten - fraction.length;
  const magnitude = digits.length + tens + two * Math.LOG10E * Math.LN2;
  const negative = sign === "-" ? -1n : 1n;
  if (!Number.isFinite(magnitude) || magnitude > LIMIT) return { num: negative * 10n ** BigInt(LIMIT + 1), den: 1n };
  if (magnitude < -LIMIT) return { num: negative, den: 10n ** BigInt(LIMIT + 1) };
  let num = negative * BigInt(digits) * 2n ** BigInt(two);
  let den = 1n;
  if (tens >= 0) num *= 10n ** BigInt(tens);
  else den = 10n ** BigInt(-tens);
  return { num, den };
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export const compareQuantity = (a: Quantity, b: Quantity) => Math.sign(Number(a.num * b.den - b.num * a.den));

/** A quantity known to be valid, e.g. a bound written in code; throws if it is not one. */
export function knownQuantity(text: string): Quantity {
  const q = parseQuantity(text);
  if (!q) throw new Error(`not a quantity: ${text}`);
  return q;
}

const MILLI_PER_CORE = 1000n;
const BYTES_PER_MIB = 1n << 20n;

/** Whole millicores, or undefined when the value is not a whole number of millicores (e.g. "0.5m"). */
export function toMillicores(q: Quantity): number | undefined {
  const n = q.num * MILLI_PER_CORE;
  return n % q.den === 0n ? Number(n / q.den) : undefined;
}

/** MiB, rounded up (as Quantity.Value rounds up to whole bytes). */
export function toMiB(q: Quantity): number {
  const den = q.den * BYTES_PER_MIB;
  const whole = q.num / den;
  return Number(q.num % den > 0n ? whole + 1n : whole);
}

const nonNegative = (q: Quantity | undefined) => (q && q.num >= 0n ? q : undefined);

/** "500m" → 500, "2" → 2000, "1.5" → 1500, "1k" → 1000000; undefined when it is not a non-negative CPU quantity in whole millicores. */
export function parseCpu(q: string): number | undefined {
  const v = nonNegative(parseQuantity(q));
  return v && toMillicores(v);
}

/** "512Mi" → 512, "2Gi" → 2048, "1Pi" → 1073741824; rounds up to whole MiB; undefined when it is not a non-negative quantity. */
export function parseMemory(q: string): number | undefined {
  const v = nonNegative(parseQuantity(q));
  return v && toMiB(v);
}

export const formatCpu = (millis: number) => (millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`);
export const formatMemory = (mib: number) => (mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`);
