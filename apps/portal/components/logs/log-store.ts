// The log viewer's lines and search (docs/logs.md, "The viewer"): a ring of the newest lines, so that
// appending a chunk and dropping the oldest lines cost what they add, never a copy of 100,000 rows, and an
// incremental search that looks only at the lines added since it last looked.

/**
 * The newest `capacity` items appended, in order. Items are numbered from the first ever appended
 * (absolute numbers): `first` is the absolute number of `at(0)`, so a number still names the same item
 * after older ones are dropped.
 */
export class LineRing<T> {
  private readonly items: (T | undefined)[];
  private head = 0;
  private size = 0;
  private dropped = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }

  /** How many items are held. */
  get length(): number {
    return this.size;
  }

  /** The absolute number of the oldest item held. */
  get first(): number {
    return this.dropped;
  }

  /** The absolute number the next item appended will have. */
  get end(): number {
    return this.dropped + this.size;
  }

  /** Appends one item, dropping the oldest when full. */
  push(item: T): void {
    if (this.size < this.capacity) {
      this.items[(this.head + this.size) % this.capacity] = item;
      this.size++;
      return;
    }
    this.items[this.head] = item;
    this.head = (this.head + 1) % this.capacity;
    this.dropped++;
  }

  /** The item at index `i` (0 is the oldest held); undefined outside [0, length). */
  at(i: number): T | undefined {
    return i >= 0 && i < this.size ? this.items[(this.head + i) % this.capacity] : undefined;
  }

  /** Every item held, oldest first. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.size; i++) yield this.items[(this.head + i) % this.capacity]!;
  }
}

/**
 * The absolute numbers of the lines whose text contains a needle (case-insensitive), kept up to date as
 * lines come and go: `update` scans only the lines appended since its last call (or all, when the needle
 * or the ring changed) and forgets matches that were dropped.
 */
export class LineSearch {
  private ring: LineRing<{ text: string }> | undefined;
  private needle = "";
  private scanned = 0;
  private found: number[] = [];

  /** The matches (absolute numbers, ascending) of `needle` (already lower-cased) in `ring`'s lines. */
  update(ring: LineRing<{ text: string }>, needle: string): readonly number[] {
    if (needle !== this.needle || ring !== this.ring) {
      this.ring = ring;
      this.needle = needle;
      this.found = [];
      this.scanned = ring.first;
    }
    if (!needle) return this.found;
    let stale = 0;
    while (stale < this.found.length && this.found[stale]! < ring.first) stale++;
    if (stale) this.found.splice(0, stale);
    for (let n = Math.max(this.scanned, ring.first); n < ring.end; n++) {
      const text = ring.at(n - ring.first)!.text.toLowerCase();
      if (text.includes(needle)) this.found.push(n);
    }
    this.scanned = ring.end;
    return this.found;
  }
}

/**
 * The match to show when the search text changes (find as you type): the newest match at or above the
 * bottom of the view (`lastVisible`, an absolute line number), so that while following the newest lines
 * a match already on screen is kept and one above is the nearest; else the oldest match below. Its
 * position in `matches`, or -1 when there is none.
 */
export function matchToShow(matches: readonly number[], lastVisible: number): number {
  if (!matches.length) return -1;
  let lo = 0,
    hi = matches.length; // the first match after lastVisible
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (matches[mid]! <= lastVisible) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? lo - 1 : 0;
}
