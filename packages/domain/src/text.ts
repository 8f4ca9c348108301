// What text and whole numbers Capstan accepts at all, whatever the field: the rules every request
// schema shares, so that no input reaches PostgreSQL in a form it refuses (issue 11, finding 7).
import { z } from "zod";
import { type FieldError, fieldError, type FieldErrors, type FieldProblems } from "./errors";

/**
 * Control characters: C0 (U+0000–U+001F) except TAB, LF and CR, DEL (U+007F) and C1 (U+0080–U+009F).
 * PostgreSQL cannot store U+0000 in text at all (SQLSTATE 22021); the others have no place in names
 * or settings and can forge lines in logs and terminals.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why `s` is not acceptable text, or undefined when it is: no control character (see CONTROL) and no
 * lone UTF-16 surrogate (which has no UTF-8 encoding, so PostgreSQL would get U+FFFD instead).
 * `key` says `s` is an object key, whose reasons read "has a key that …".
 */
export function textFault(s: string, key = false): FieldError | undefined {
  const control = CONTROL.exec(s);
  if (control) {
    const params = { character: `U+${control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`, position: control.index + 1 };
    return fieldError(key ? "key_control_character" : "control_character", params);
  }
  if (LONE_SURROGATE.test(s)) return fieldError(key ? "key_lone_surrogate" : "lone_surrogate");
  return undefined;
}

/** textFault's English text, e.g. "must not contain control characters (U+0000 at position 3)". */
export const textProblem = (s: string): string | undefined => textFault(s)?.message;

/**
 * Every string in `input` (values and object keys, at any depth) checked with textFault: field path
 * → why, e.g. { "env.0.value": control_character (U+0000 at position 3) }. A bad key is reported on the
 * object that holds it.
 */
export function textFaults(input: unknown, at: (string | number)[] = [], found: FieldProblems = {}): FieldProblems {
  const name = () => at.join(".") || "body";
  if (typeof input === "string") {
    const fault = textFault(input);
    if (fault) found[name()] ??= fault;
  } else if (Array.isArray(input)) {
    input.forEach((v, i) => textFaults(v, [...at, i], found));
  } else if (input !== null && typeof input === "object") {
    for (const [k, v] of Object.entries(input)) {
      const fault = textFault(k, true);
      if (fault) found[name()] ??= fault;
      else textFaults(v, [...at, k], found);
    }
  }
  return found;
}

/** textFaults' English text per field path. */
export const textProblems = (input: unknown): FieldErrors => Object.fromEntries(Object.entries(textFaults(input)).map(([k, f]) => [k, f.message]));

/** Single-line text: no line breaks or tabs either, e.g. for display names and values sent in HTTP headers. */
export const singleLine = (s: string) => !/[\t\n\r]/.test(s);
export const SINGLE_LINE = { error: "must be a single line", params: { reason: "not_single_line" } };

/** PostgreSQL `integer` (int4), the type of every whole-number column Capstan has. */
export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;

/**
 * A whole number that fits PostgreSQL's `integer`; narrow it further with .min()/.max(). Every
 * whole number in a request schema is one of these, so none can overflow a column or a comparison.
 */
export const integer = (error = "must be a whole number") =>
  z.number({ error }).int(error).min(INT4_MIN, `must be at least ${INT4_MIN}`).max(INT4_MAX, `must be at most ${INT4_MAX}`);
