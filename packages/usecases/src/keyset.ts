// Keyset ("seek") pagination for lists that change while they are read (issue 12, finding 9). A page
// starts after the last row of the previous one in a total order (sort key, then id), so rows added at the
// head of a newest-first list, or removed from it, never make a later page repeat or skip a row, as an
// offset (`page`) does. Used by /nodes, /audit, /quota-requests and a group's /revisions.
import { domainError, fieldError } from "@capstan/domain";
import type { Page } from "./page";

/** Where the next page starts: the sort key (as text) and the id of the previous page's last row. */
export interface Cursor {
  key: string;
  id: string;
}

/** A page of a keyset list: `nextCursor` opens the next page (pass it as `cursor`); null on the last. */
export interface KeysetPage<T> extends Page<T> {
  nextCursor: string | null;
}

/** The cursor as the opaque text handed to clients: base64url of its JSON. */
export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify({ key: c.key, id: c.id })).toString("base64url");

/**
 * Reads a cursor this list handed out. `valid` checks that its key and id have the list's types (so no
 * value the database would refuse reaches it). Throws 400 naming `cursor` for anything else.
 */
export function decodeCursor(cursor: string, valid: (c: Cursor) => boolean): Cursor {
  try {
    const c = JSON.parse(Buffer.from(cursor, "base64url").toString()) as Cursor;
    if (c !== null && typeof c.key === "string" && typeof c.id === "string" && valid(c)) return { key: c.key, id: c.id };
  } catch {
    // reported below
  }
  throw domainError("cursor_unknown", {}, { cursor: fieldError("cursor_unknown") });
}

/**
 * The page from `rows`, fetched with one row more than `pageSize` in the list's order: the first
 * `pageSize` rows, and the cursor after the last of them when there is more (else null).
 */
export function keysetPage<T>(rows: T[], pageSize: number, cursorOf: (row: T) => Cursor): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, pageSize);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > pageSize && last ? encodeCursor(cursorOf(last)) : null };
}

/** Whether `s` is an instant exactly as Date.toISOString writes it (how timestamp keys are encoded). */
export function isIsoInstant(s: string): boolean {
  const d = new Date(s);
  return !Number.isNaN(d.getTime()) && d.toISOString() === s;
}

/**
 * The rows to skip: none after a cursor; otherwise `page`'s offset. `page` without a cursor is kept for old
 * clients and links but deprecated on keyset lists: offsets repeat or skip rows while the list changes.
 */
export const keysetSkip = (q: { page: number; pageSize: number; cursor?: string }): number => (q.cursor ? 0 : (q.page - 1) * q.pageSize);
